/**
 * A Vite plugin for the web build: luma.gl's WebGL device module imported statically where luma.gl imports it
 * dynamically.
 *
 * luma.gl's `webgl2Adapter.attach` (how deck.gl's interleaved overlay takes maplibre's WebGL context) first runs
 * `await import('./webgl-device.js')`, so that WebGPU-only apps need not load the module. We use WebGL only, and
 * import the device ourselves (web/src/map/deck-device.ts), so the build made that import a chunk of its own: a
 * request deck.gl waited for before it could initialise, answered only when the page's main thread was next free
 * (after maplibre's first frame and the panels' renders). Until then deck.gl could not draw, and the parcels
 * appeared 300–600 ms after the map's `load` in software WebGL. Imported statically, the module is in hand and
 * deck.gl initialises within microtasks of the overlay's creation, long before the park's data arrives.
 */
import type { Plugin } from 'vite';

const ADAPTER_MODULE = /@luma\.gl[\\/]webgl[\\/]dist[\\/]adapter[\\/]webgl-adapter\.js$/;
const DYNAMIC_IMPORT = 'await import("./webgl-device.js")';
const MODULE_BINDING = 'webglDeviceModule';

/** The adapter's source with the dynamic import replaced by a static one; throws when luma.gl has changed it. */
export function importWebGLDeviceStatically(code: string): string {
  if (!code.includes(DYNAMIC_IMPORT)) {
    throw new Error(
      'luma.gl webgl-adapter.js no longer has `await import("./webgl-device.js")`: review web/build/luma-webgl-device-static.ts',
    );
  }
  // Awaiting the namespace object (not a promise) resumes on the next microtask: no request, no task.
  return `import * as ${MODULE_BINDING} from "./webgl-device.js";\n${code.replaceAll(DYNAMIC_IMPORT, `await ${MODULE_BINDING}`)}`;
}

export function lumaWebGLDeviceStatic(): Plugin {
  return {
    name: 'luma-webgl-device-static',
    transform(code, id) {
      return ADAPTER_MODULE.test(id) ? { code: importWebGLDeviceStatically(code), map: null } : null;
    },
  };
}
