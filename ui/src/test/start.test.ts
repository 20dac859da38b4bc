// The start order that keeps the window from going blank: the locale guard is main.tsx's first
// import, and index.html loads the start guard (public/boot.js) before the app's module.
import { describe, expect, it } from 'vitest';
import main from '../main.tsx?raw';
import indexHtml from '../../index.html?raw';

describe('start', () => {
  it('imports the locale guard before anything else', () => {
    const imports = main.split('\n').filter((line) => line.startsWith('import '));
    expect(imports[0]).toBe("import './localeGuard';");
  });
  it('marks the page started only after the first render', () => {
    expect(main.indexOf("setAttribute('data-started'")).toBeGreaterThan(main.indexOf('render(<App />'));
  });
  it('loads the start guard before the module and shows text until the app renders', () => {
    const boot = indexHtml.indexOf('src="./boot.js"');
    expect(boot).toBeGreaterThan(0);
    expect(boot).toBeLessThan(indexHtml.indexOf('type="module"'));
    expect(indexHtml).toMatch(/<div id="app"><p[^>]*>Starting Fossa Sync…<\/p><\/div>/);
  });
});
