/**
 * Parcel fill colours from a texture with one RGBA texel per parcel, looked up on the GPU by a per-vertex parcel
 * index that never changes. A re-colour (colour-by switch, a live change, the time slider's day) is then one upload
 * of 4 bytes per parcel (400 kB at 100k), instead of deck.gl re-running a colour accessor and rebuilding a colour
 * attribute of every vertex (megabytes, hundreds of ms in software WebGL at 100k parcels).
 *
 * The layer gets `parcelColours` (RGBA rows, parcel order) and the vertex attribute `getParcelIndex` as a binary
 * attribute in its data (see `parcelFillData`).
 */
import { type Layer, LayerExtension, type UpdateParameters } from '@deck.gl/core';
import type { Texture } from '@luma.gl/core';

/** Texture rows are this many parcels wide: WebGL 2 guarantees textures of at least 2048 texels a side. */
export const PARCEL_COLOUR_TEXTURE_WIDTH = 2048;

export interface ParcelColourExtensionProps {
  /** RGBA per parcel (`4 × parcelCount` bytes, geometry order). A new array re-uploads the texture. */
  parcelColours?: Uint8Array | null;
}

/** The texture's size for `parcelCount` parcels, and its data padded to whole rows. */
export function parcelColourTextureData(colours: Uint8Array): {
  width: number;
  height: number;
  data: Uint8Array;
} {
  const parcelCount = colours.length >> 2;
  const width = Math.max(1, Math.min(PARCEL_COLOUR_TEXTURE_WIDTH, parcelCount));
  const height = Math.max(1, Math.ceil(parcelCount / width));
  if (width * height * 4 === colours.length) return { width, height, data: colours };
  const data = new Uint8Array(width * height * 4);
  data.set(colours);
  return { width, height, data };
}

const vs = /* glsl */ `\
layout(std140) uniform parcelColoursUniforms {
  highp int textureWidth;
} parcelColours;
uniform sampler2D parcelColours_texture;
in float parcelIndices;
`;

const parcelColoursModule = {
  name: 'parcelColours',
  vs,
  inject: {
    // The layer's constant fill colour is opaque black times the layer opacity: keep that opacity, take the rest
    // from the parcel's texel.
    'vs:DECKGL_FILTER_COLOR': /* glsl */ `
    int parcel = int(parcelIndices + 0.5);
    vec4 parcelColour = texelFetch(
      parcelColours_texture,
      ivec2(parcel % parcelColours.textureWidth, parcel / parcelColours.textureWidth),
      0
    );
    color = vec4(parcelColour.rgb, color.a * parcelColour.a);
    `,
  },
  uniformTypes: { textureWidth: 'i32' },
  getUniforms: (options?: { texture?: Texture; textureWidth?: number }) =>
    options?.texture
      ? { parcelColours_texture: options.texture, textureWidth: options.textureWidth ?? 1 }
      : {},
} as const;

interface ParcelColourState {
  parcelColourTexture?: Texture | null;
  parcelColourTextureWidth?: number;
}

type ColouredLayer = Layer<ParcelColourExtensionProps> & { state: ParcelColourState };

export class ParcelColourExtension extends LayerExtension {
  static override extensionName = 'ParcelColourExtension';
  static override defaultProps = {
    parcelColours: { type: 'object', value: null, compare: false },
    getParcelIndex: { type: 'accessor', value: 0 },
  };

  override getShaders() {
    return { modules: [parcelColoursModule] };
  }

  override initializeState(this: ColouredLayer) {
    this.getAttributeManager()?.add({
      parcelIndices: { size: 1, type: 'float32', stepMode: 'dynamic', accessor: 'getParcelIndex' },
    });
  }

  override updateState(this: ColouredLayer, { props, oldProps }: UpdateParameters<ColouredLayer>) {
    if (props.parcelColours === oldProps.parcelColours && this.state.parcelColourTexture) return;
    this.state.parcelColourTexture?.destroy();
    const colours = props.parcelColours;
    if (!colours || colours.length === 0) {
      this.setState({ parcelColourTexture: null });
      return;
    }
    const { width, height, data } = parcelColourTextureData(colours);
    const texture = this.context.device.createTexture({
      data,
      width,
      height,
      format: 'rgba8unorm',
      sampler: { minFilter: 'nearest', magFilter: 'nearest' },
    });
    this.setState({ parcelColourTexture: texture, parcelColourTextureWidth: width });
  }

  override draw(this: ColouredLayer) {
    this.setShaderModuleProps({
      parcelColours: {
        texture: this.state.parcelColourTexture ?? undefined,
        textureWidth: this.state.parcelColourTextureWidth ?? 1,
      },
    });
  }

  override finalizeState(this: ColouredLayer) {
    this.state.parcelColourTexture?.destroy();
  }
}
