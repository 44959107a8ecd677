import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { importWebGLDeviceStatically } from '../../web/build/luma-webgl-device-static.ts';

describe('web build: luma.gl WebGL device imported statically', () => {
  // The installed luma.gl, so that an upgrade that changes the adapter fails here rather than in a slow map.
  const adapterPath = fileURLToPath(
    new URL('../../node_modules/@luma.gl/webgl/dist/adapter/webgl-adapter.js', import.meta.url),
  );
  const adapter = readFileSync(adapterPath, 'utf8');

  it('replaces every dynamic import of the device module with one static import', () => {
    const transformed = importWebGLDeviceStatically(adapter);
    expect(adapter).toContain('import("./webgl-device.js")');
    expect(transformed).not.toContain('import("./webgl-device.js")');
    expect(transformed.startsWith('import * as webglDeviceModule from "./webgl-device.js";\n')).toBe(true);
    const awaited = transformed.match(/await webglDeviceModule\b/g) ?? [];
    const dynamic = adapter.match(/await import\("\.\/webgl-device\.js"\)/g) ?? [];
    expect(awaited.length).toBe(dynamic.length);
    expect(awaited.length).toBeGreaterThan(0);
  });

  it('refuses an adapter without the dynamic import instead of building silently', () => {
    expect(() => importWebGLDeviceStatically('export const nothing = 1;')).toThrow(/review/);
  });
});
