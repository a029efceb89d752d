// Attachments for fields that appear on a click: focus lands in them.

/** Focus the field and select its text (a Rename field: typing replaces the name). */
export function focusAndSelect(el: HTMLInputElement) {
  el.focus();
  el.select();
}
