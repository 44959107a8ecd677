/**
 * Parcel outlines as one-pixel GL lines: the fill layer's vertices and attributes, drawn with `line-list`
 * topology over an index buffer of ring segments (`parcelOutlineData`).
 *
 * deck.gl's PathLayer draws every segment as an instanced strip of triangles with mitred joints: in software WebGL
 * that made a pan with outlines 10–20× a pan without them (20 s at 100k parcels). A command map's outlines are
 * hairlines of one colour, which plain GL lines draw for a few vertex-shader runs per segment. Hidden parcels'
 * outlines go with their fills, through the same per-parcel visibility texture (`ParcelTextureExtension`).
 */
import type { DefaultProps } from '@deck.gl/core';
import { SolidPolygonLayer, type SolidPolygonLayerProps } from '@deck.gl/layers';
import { Model } from '@luma.gl/engine';

export class ParcelOutlineLayer<ExtraProps extends object = object> extends SolidPolygonLayer<
  unknown,
  ExtraProps
> {
  static override layerName = 'ParcelOutlineLayer';
  static override defaultProps: DefaultProps<SolidPolygonLayerProps> = {
    ...SolidPolygonLayer.defaultProps,
    filled: true,
    extruded: false,
    pickable: false,
  };

  // The fill layer's top model (`SolidPolygonLayer._getModels`), with lines for triangles; no side or wireframe.
  protected override _getModels() {
    const shaders = this.getShaders('top');
    shaders.defines = { ...shaders.defines, NON_INSTANCED_MODEL: 1 };
    const topModel = new Model(this.context.device, {
      ...shaders,
      id: `${this.props.id}-lines`,
      topology: 'line-list',
      bufferLayout: this.getAttributeManager()?.getBufferLayouts({ isInstanced: false }) ?? [],
      isIndexed: true,
      userData: {
        excludeAttributes: { vertexValid: true, instanceVertexValid: true, nextVertexPositions: true },
      },
    });
    return { models: [topModel], topModel, sideModel: undefined, wireframeModel: undefined };
  }
}
