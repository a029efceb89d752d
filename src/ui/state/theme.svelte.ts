// Light/dark theme: follows the system until the user picks one (kept in localStorage).

const KEY = 'gotune:theme';

class Theme {
  dark = $state(false);

  constructor() {
    if (typeof window === 'undefined') return;
    const saved = localStorage.getItem(KEY);
    const media = window.matchMedia('(prefers-color-scheme: dark)');
    this.dark = saved ? saved === 'dark' : media.matches;
    media.addEventListener('change', (e) => {
      if (!localStorage.getItem(KEY)) this.apply(e.matches);
    });
    this.apply(this.dark);
  }

  private apply(dark: boolean) {
    this.dark = dark;
    document.documentElement.dataset.theme = dark ? 'dark' : 'light';
  }

  toggle() {
    this.apply(!this.dark);
    localStorage.setItem(KEY, this.dark ? 'dark' : 'light');
  }
}

export const theme = new Theme();
