// escapeHtml: hostile strings come out as inert text when parsed as HTML.

import { describe, expect, it } from 'vitest';
import { escapeHtml } from '../../../src/ui/escape';
import { HOSTILE_STRINGS } from '../../fixtures/hostile/strings';

describe('escapeHtml', () => {
  it('escapes the five HTML-significant characters', () => {
    expect(escapeHtml(`<a href="x" title='y'>&</a>`)).toBe('&lt;a href=&quot;x&quot; title=&#39;y&#39;&gt;&amp;&lt;/a&gt;');
  });

  it('leaves no tag or attribute delimiter in any hostile string, and decodes back to the original', () => {
    const decode = (s: string) => s.replace(/&(lt|gt|quot|#39|amp);/g, (_, e: string) => ({ lt: '<', gt: '>', quot: '"', '#39': "'", amp: '&' })[e]!);
    for (const s of HOSTILE_STRINGS) {
      const e = escapeHtml(s);
      expect(e).not.toMatch(/[<>"']/);
      expect(decode(e)).toBe(s);
    }
  });

  it('turns null and numbers into text', () => {
    expect(escapeHtml(null)).toBe('');
    expect(escapeHtml(12.5)).toBe('12.5');
  });
});
