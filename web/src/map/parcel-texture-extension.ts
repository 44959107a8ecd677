/**
 * Parcel fill colour and visibility from two textures with one texel per parcel, looked up on the GPU by a
 * per-vertex parcel index that never changes:
 * - colours, RGBA: a re-colour (colour-by switch, a live change, the time slider's day) is one upload of 4 bytes
 *   per parcel (400 kB at 100k);
 * - visibility, one byte (0 hides the parcel): a re-filter is one upload of 1 byte per parcel (100 kB at 100k).
 * Before, deck.gl re-ran a colour or filter accessor and rebuilt an attribute of every vertex: megabytes, and
 * hundreds of ms to seconds in software WebGL at 100k parcels.
 *
 * The layer gets `parcelColours` (RGBA rows, parcel order), `parcelVisibility` (a byte per parcel, parcel order)
 * and the vertex attribute `getParcelIndex` as a binary attribute in its data (see `parcelFillData`).
 */
import { type Layer, LayerExtension, type UpdateParameters } from '@deck.gl/core';
import type { Device, Texture } from '@luma.gl/core';

/** Texture rows are this many parcels wide: WebGL 2 guarantees textures of at least 2048 texels a side. */
export const PARCEL_TEXTURE_WIDTH = 2048;

export interface ParcelTextureExtensionProps {
  /**
   * RGBA per parcel (`4 × parcelCount` bytes, geometry order). A new array re-uploads the colour texture. Null
   * keeps the layer's own colour (the outlines).
   */
  parcelColours?: Uint8Array | null;
  /**
   * A byte per parcel (geometry order): 0 hides the parcel (not drawn, not pickable), anything else shows it.
   * Null shows every parcel. A new array re-uploads the visibility texture.
   */
  parcelVisibility?: Uint8Array | null;
}

/** The texture's size for `parcelCount` parcels of `bytesPerParcel` bytes, and its data padded to whole rows. */
export function parcelTextureData(
  values: Uint8Array,
  bytesPerParcel: 1 | 4,
): { width: number; height: number; data: Uint8Array } {
  const parcelCount = Math.floor(values.length / bytesPerParcel);
  const width = Math.max(1, Math.min(PARCEL_TEXTURE_WIDTH, parcelCount));
  const height = Math.max(1, Math.ceil(parcelCount / width));
  if (width * height * bytesPerParcel === values.length) return { width, height, data: values };
  const data = new Uint8Array(width * height * bytesPerParcel);
  data.set(values);
  return { width, height, data };
}

const vs = /* glsl */ `\
layout(std140) uniform parcelTexturesUniforms {
  highp int textureWidth;
  highp int coloured;
  highp int visibilityFiltered;
} parcelTextures;
uniform sampler2D parcelTextures_colours;
uniform sampler2D parcelTextures_visibility;
in float parcelIndices;

ivec2 parcelTextures_texel() {
  int parcel = int(parcelIndices + 0.5);
  return ivec2(parcel % parcelTextures.textureWidth, parcel / parcelTextures.textureWidth);
}
`;

const parcelTexturesModule = {
  name: 'parcelTextures',
  vs,
  inject: {
    // The layer's constant fill colour is opaque black times the layer opacity: keep that opacity, take the rest
    // from the parcel's texel.
    'vs:DECKGL_FILTER_COLOR': /* glsl */ `
    if (parcelTextures.coloured == 1) {
      vec4 parcelColour = texelFetch(parcelTextures_colours, parcelTextures_texel(), 0);
      color = vec4(parcelColour.rgb, color.a * parcelColour.a);
    }
    `,
    // Every vertex of a hidden parcel collapses to one point: its triangles cover no pixel, drawn or picked (what
    // deck.gl's DataFilterExtension does for a filtered-out vertex).
    'vs:#main-end': /* glsl */ `
    if (parcelTextures.visibilityFiltered == 1
        && texelFetch(parcelTextures_visibility, parcelTextures_texel(), 0).r == 0.0) {
      gl_Position = vec4(0.0);
    }
    `,
  },
  uniformTypes: { textureWidth: 'i32', coloured: 'i32', visibilityFiltered: 'i32' },
  getUniforms: (options?: {
    colours?: Texture | null;
    visibility?: Texture | null;
    textureWidth?: number;
  }) => {
    // Both samplers must be bound even when one is not read: the other texture stands in, unread.
    const bound = options?.colours ?? options?.visibility;
    if (!bound) return {};
    return {
      parcelTextures_colours: options?.colours ?? bound,
      parcelTextures_visibility: options?.visibility ?? bound,
      textureWidth: options?.textureWidth ?? 1,
      coloured: options?.colours ? 1 : 0,
      visibilityFiltered: options?.visibility ? 1 : 0,
    };
  },
} as const;

interface ParcelTextureState {
  parcelColourTexture?: Texture | null;
  parcelVisibilityTexture?: Texture | null;
  parcelTextureWidth?: number;
}

type TexturedLayer = Layer<ParcelTextureExtensionProps> & { state: ParcelTextureState };

function createParcelTexture(device: Device, values: Uint8Array, bytesPerParcel: 1 | 4): Texture {
  const { width, height, data } = parcelTextureData(values, bytesPerParcel);
  return device.createTexture({
    data,
    width,
    height,
    format: bytesPerParcel === 4 ? 'rgba8unorm' : 'r8unorm',
    sampler: { minFilter: 'nearest', magFilter: 'nearest' },
  });
}

export class ParcelTextureExtension extends LayerExtension {
  static override extensionName = 'ParcelTextureExtension';
  static override defaultProps = {
    parcelColours: { type: 'object', value: null, compare: false },
    parcelVisibility: { type: 'object', value: null, compare: false },
    getParcelIndex: { type: 'accessor', value: 0 },
  };

  override getShaders() {
    return { modules: [parcelTexturesModule] };
  }

  override initializeState(this: TexturedLayer) {
    this.getAttributeManager()?.add({
      parcelIndices: { size: 1, type: 'float32', stepMode: 'dynamic', accessor: 'getParcelIndex' },
    });
  }

  override updateState(this: TexturedLayer, { props, oldProps }: UpdateParameters<TexturedLayer>) {
    const { device } = this.context;
    if (props.parcelColours !== oldProps.parcelColours) {
      this.state.parcelColourTexture?.destroy();
      const colours = props.parcelColours;
      this.setState({
        parcelColourTexture: colours && colours.length > 0 ? createParcelTexture(device, colours, 4) : null,
      });
    }
    if (props.parcelVisibility !== oldProps.parcelVisibility) {
      this.state.parcelVisibilityTexture?.destroy();
      const visibility = props.parcelVisibility;
      this.setState({
        parcelVisibilityTexture:
          visibility && visibility.length > 0 ? createParcelTexture(device, visibility, 1) : null,
      });
    }
    // Both textures have the same rows (`parcelTextureData`): either gives the width.
    const texture = this.state.parcelColourTexture ?? this.state.parcelVisibilityTexture;
    this.setState({ parcelTextureWidth: texture?.width ?? 1 });
  }

  override draw(this: TexturedLayer) {
    this.setShaderModuleProps({
      parcelTextures: {
        colours: this.state.parcelColourTexture ?? null,
        visibility: this.state.parcelVisibilityTexture ?? null,
        textureWidth: this.state.parcelTextureWidth ?? 1,
      },
    });
  }

  override finalizeState(this: TexturedLayer) {
    this.state.parcelColourTexture?.destroy();
    this.state.parcelVisibilityTexture?.destroy();
  }
}
