// The CSS custom properties of the light and dark theme, read from src/ui/styles.css
// (the colour tests check the page's own values, not copies).

import { readFileSync } from 'node:fs';
import path from 'node:path';

const css = readFileSync(path.resolve(__dirname, '../../../src/ui/styles.css'), 'utf8');
const SELECTORS = { light: /:root/, dark: /:root\[data-theme='dark'\]/ };

export function themeVars(theme: 'light' | 'dark'): Record<string, string> {
  const m = new RegExp(`${SELECTORS[theme].source}\\s*\\{([^}]*)\\}`).exec(css);
  if (!m) throw new Error(`no ${theme} block in styles.css`);
  return Object.fromEntries([...m[1].matchAll(/--([\w-]+):\s*([^;]+);/g)].map((x) => [x[1], x[2].trim()]));
}
