/**
 * deck.gl's device on maplibre's WebGL context, created as soon as the map has its context.
 *
 * Left to itself, deck.gl attaches through luma.gl's `webgl2Adapter.attach`, which awaits a module import first and
 * so runs after maplibre's first frame; its few dozen `getParameter` calls then wait for the GPU process to finish
 * that frame. In software WebGL that put 100–400 ms between the map's `load` and the first parcels; made here,
 * before maplibre draws anything, the device costs 5–60 ms. deck.gl finds it on the context and uses it as is.
 */
import type { DeviceProps } from '@luma.gl/core';
import { WebGLDevice } from '@luma.gl/webgl';

export const DECK_DEVICE_PROPS = {
  // luma.gl probes every optional WebGL feature when it attaches, creating a texture and framebuffer per format:
  // seconds in software WebGL. Unprobed, a feature is checked the first time a layer asks for it.
  _initializeFeatures: false,
  // What deck.gl asks for when it attaches itself: without caches, an interleaved overlay builds new pipelines
  // every frame.
  _cacheShaders: true,
  _cachePipelines: true,
} as const satisfies DeviceProps;

/** Attaches deck.gl's device to the map canvas's WebGL2 context, unless one is attached already. */
export function attachDeckDevice(canvas: HTMLCanvasElement): void {
  const gl = canvas.getContext('webgl2');
  if (!gl || WebGLDevice.getDeviceFromContext(gl)) return;
  new WebGLDevice({
    ...DECK_DEVICE_PROPS,
    _handle: gl,
    // maplibre owns the canvas and its size.
    createCanvasContext: { canvas, autoResize: false },
  });
}
