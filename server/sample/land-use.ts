/**
 * Fields, orchards and forest. The park is divided into land-use zones of a few hundred metres (a patch of paddy, an
 * orchard slope, a wooded hill) with warped, irregular edges. Each zone lays its seeds in rows along one direction
 * — along the contour on slopes, square to the road beside a road — with varying lengths along the row, so the
 * Voronoi cells come out as the strips and blocks of a real cadastral map rather than a honeycomb.
 */
import { bboxOf, distance, type Point, pointInRing } from './geometry.ts';
import type { Lane } from './hamlets.ts';
import { valueNoise } from './noise.ts';
import type { Random } from './prng.ts';
import type { MainRoad } from './roads.ts';
import type { SeedKind, SeedPoint } from './seeds.ts';
import { SegmentSet } from './spatial-index.ts';
import type { Terrain } from './terrain.ts';
import type { VillageRegion } from './villages.ts';

type FieldKind = Extract<SeedKind, 'farmland' | 'orchard' | 'forest'>;

interface Zone {
  centre: Point;
  kind: FieldKind;
  /** Unit vector along the rows. */
  direction: Point;
  /** Mean spacing along a row and between rows (m), before the global scale. */
  along: number;
  across: number;
}

export interface LandUseContext {
  villages: readonly VillageRegion[];
  mainRoads: readonly MainRoad[];
  lanes: readonly Lane[];
  hamletCentres: readonly { centre: Point; radius: number }[];
  terrain: Terrain;
  bbox: { minX: number; minY: number; maxX: number; maxY: number };
}

const ZONE_SIZE = 300;
/** Fields keep clear of hamlet streets: the houses and gardens own that ground. */
const STREET_CLEARANCE = 58;
/** Fields keep clear of access lanes: paired seeds line them instead (see `laneSideSeeds`). */
const ACCESS_CLEARANCE = 17;

export class LandUse {
  private readonly zones: Zone[] = [];
  private readonly columns: number;
  private readonly rows: number;
  private readonly warpSeed: number;
  private readonly streets = new SegmentSet(80);
  private readonly accessLanes = new SegmentSet(80);
  private readonly mainRoadSegments = new SegmentSet(150);

  constructor(
    random: Random,
    private readonly context: LandUseContext,
  ) {
    this.warpSeed = random.int(0, 2 ** 30);
    for (const road of context.mainRoads) this.mainRoadSegments.addPolyline(road.line);
    const { bbox } = context;
    this.columns = Math.ceil((bbox.maxX - bbox.minX) / ZONE_SIZE) + 3;
    this.rows = Math.ceil((bbox.maxY - bbox.minY) / ZONE_SIZE) + 3;
    for (let row = 0; row < this.rows; row++) {
      for (let column = 0; column < this.columns; column++) {
        const centre: Point = [
          bbox.minX + (column - 1 + 0.5 + random.range(-0.35, 0.35)) * ZONE_SIZE,
          bbox.minY + (row - 1 + 0.5 + random.range(-0.35, 0.35)) * ZONE_SIZE,
        ];
        this.zones.push(this.describeZone(random.fork(`zone-${column}-${row}`), centre));
      }
    }
    for (const lane of context.lanes) {
      (lane.kind === 'street' ? this.streets : this.accessLanes).addPolyline(lane.line);
    }
  }

  private describeZone(random: Random, centre: Point): Zone {
    const elevation = this.context.terrain.elevation(centre);
    let kind: FieldKind;
    if (elevation > 0.62) kind = random.chance(0.9) ? 'forest' : 'orchard';
    else if (elevation > 0.4)
      kind = random.weighted([
        ['orchard', 0.55],
        ['forest', 0.2],
        ['farmland', 0.25],
      ] as const);
    else
      kind = random.weighted([
        ['farmland', 0.86],
        ['orchard', 0.11],
        ['forest', 0.03],
      ] as const);

    let direction: Point | null = null;
    const road = this.mainRoadSegments.nearest(centre, 280);
    if (road) {
      const length = distance(road.start, road.end) || 1;
      const tangent: Point = [(road.end[0] - road.start[0]) / length, (road.end[1] - road.start[1]) / length];
      // Beside a road, strips run either along it or square to it.
      direction = random.chance(0.5) ? tangent : [-tangent[1], tangent[0]];
    }
    if (!direction) {
      const contour = this.context.terrain.contourDirection(centre);
      const angle =
        (contour ? Math.atan2(contour[1], contour[0]) : random.range(0, Math.PI)) + random.range(-0.25, 0.25);
      direction = [Math.cos(angle), Math.sin(angle)];
    }
    if (kind === 'farmland')
      return { centre, kind, direction, along: random.range(52, 88), across: random.range(24, 34) };
    if (kind === 'orchard')
      return { centre, kind, direction, along: random.range(40, 60), across: random.range(32, 44) };
    return { centre, kind, direction, along: random.range(105, 150), across: random.range(90, 125) };
  }

  /** The zone owning a point; the lookup is warped by noise so zone edges wander instead of running straight. */
  zoneAt(point: Point): Zone {
    const warpX = (valueNoise(point[0], point[1], 350, this.warpSeed) - 0.5) * 150;
    const warpY = (valueNoise(point[0], point[1], 350, this.warpSeed + 7) - 0.5) * 150;
    const x = point[0] + warpX;
    const y = point[1] + warpY;
    const column = Math.floor((x - this.context.bbox.minX) / ZONE_SIZE) + 1;
    const row = Math.floor((y - this.context.bbox.minY) / ZONE_SIZE) + 1;
    let best = this.zones[0] as Zone;
    let bestDistance = Number.POSITIVE_INFINITY;
    for (let dy = -1; dy <= 1; dy++) {
      for (let dx = -1; dx <= 1; dx++) {
        const zoneColumn = Math.min(this.columns - 1, Math.max(0, column + dx));
        const zoneRow = Math.min(this.rows - 1, Math.max(0, row + dy));
        const zone = this.zones[zoneRow * this.columns + zoneColumn] as Zone;
        const distanceSquared = (zone.centre[0] - x) ** 2 + (zone.centre[1] - y) ** 2;
        if (distanceSquared < bestDistance) {
          bestDistance = distanceSquared;
          best = zone;
        }
      }
    }
    return best;
  }

  private clearOfLanes(point: Point): boolean {
    return (
      this.streets.distanceWithin(point, STREET_CLEARANCE) === Number.POSITIVE_INFINITY &&
      this.accessLanes.distanceWithin(point, ACCESS_CLEARANCE) === Number.POSITIVE_INFINITY
    );
  }

  /** Row-laid seeds for every zone; `scale` stretches all spacings (calibrates the parcel count). */
  fieldSeeds(random: Random, scale: number): SeedPoint[] {
    const seeds: SeedPoint[] = [];
    const reach = ZONE_SIZE * 1.45;
    this.zones.forEach((zone, zoneIndex) => {
      const zoneRandom = random.fork(`fields-${zoneIndex}`);
      const along = zone.along * scale;
      const across = zone.across * scale;
      const [dx, dy] = zone.direction;
      const emit = (x: number, y: number) => {
        const point: Point = [zone.centre[0] + x * dx - y * dy, zone.centre[1] + x * dy + y * dx];
        if (!this.insideBbox(point) || this.zoneAt(point) !== zone || !this.clearOfLanes(point)) return;
        seeds.push({ point, kind: zone.kind, exclusion: exclusionFor(zone.kind, across) });
      };
      if (zone.kind === 'forest') {
        // Forest lots follow no plough: a loose, jittered lattice.
        for (let y = -reach; y < reach; y += across) {
          for (
            let x = -reach + zoneRandom.range(0, along);
            x < reach;
            x += along * zoneRandom.range(0.8, 1.25)
          ) {
            emit(x + zoneRandom.range(-0.2, 0.2) * along, y + zoneRandom.range(-0.2, 0.2) * across);
          }
        }
        return;
      }
      // Fields are strips: side by side across the row direction, and within a run of neighbouring strips their
      // ends line up (one headland), so the cells come out as near-rectangles of varying width.
      const bandCentres = (): number[] => {
        const centres: number[] = [];
        let start = -reach - zoneRandom.range(0, along);
        while (start < reach) {
          const length = along * zoneRandom.range(0.7, 1.35);
          centres.push(start + length / 2);
          start += length;
        }
        return centres;
      };
      let centres = bandCentres();
      let stripsLeft = zoneRandom.int(3, 9);
      for (
        let y = -reach + zoneRandom.range(0, across);
        y < reach;
        y += across * zoneRandom.range(0.75, 1.3)
      ) {
        if (stripsLeft-- <= 0) {
          centres = bandCentres();
          stripsLeft = zoneRandom.int(3, 9);
        }
        for (const x of centres)
          emit(x + zoneRandom.range(-0.04, 0.04) * along, y + zoneRandom.range(-0.06, 0.06) * across);
      }
    });
    return seeds;
  }

  private insideBbox(point: Point): boolean {
    const { bbox } = this.context;
    return point[0] >= bbox.minX && point[0] <= bbox.maxX && point[1] >= bbox.minY && point[1] <= bbox.maxY;
  }

  /**
   * Seeds in pairs either side of each access lane, outside the hamlets: their cells meet on the lane's centreline,
   * so the lane runs between parcels instead of through them.
   */
  laneSideSeeds(random: Random, scale: number): SeedPoint[] {
    const seeds: SeedPoint[] = [];
    this.context.lanes.forEach((lane, laneIndex) => {
      if (lane.kind !== 'access') return;
      const laneRandom = random.fork(`lane-side-${laneIndex}`);
      const hamlet = this.context.hamletCentres[lane.hamlet];
      let along = laneRandom.range(5, 20);
      const cumulative = [0];
      for (let index = 1; index < lane.line.length; index++) {
        cumulative.push(
          (cumulative[index - 1] as number) +
            distance(lane.line[index - 1] as Point, lane.line[index] as Point),
        );
      }
      const total = cumulative[cumulative.length - 1] as number;
      while (along < total - 10) {
        let segment = 0;
        while (segment < lane.line.length - 2 && (cumulative[segment + 1] as number) < along) segment++;
        const start = lane.line[segment] as Point;
        const end = lane.line[segment + 1] as Point;
        const length = distance(start, end) || 1;
        const fraction = (along - (cumulative[segment] as number)) / length;
        const point: Point = [
          start[0] + (end[0] - start[0]) * fraction,
          start[1] + (end[1] - start[1]) * fraction,
        ];
        const zone = this.zoneAt(point);
        const spacing = (zone.kind === 'forest' ? 80 : zone.kind === 'orchard' ? 46 : 40) * scale;
        if (!hamlet || distance(point, hamlet.centre) > hamlet.radius * 1.3) {
          const normal: Point = [-(end[1] - start[1]) / length, (end[0] - start[0]) / length];
          const offset = lane.halfWidth + laneRandom.range(13, 17) * Math.min(1.6, scale);
          for (const side of [1, -1]) {
            seeds.push({
              point: [point[0] + normal[0] * offset * side, point[1] + normal[1] * offset * side],
              kind: zone.kind,
              exclusion: zone.kind === 'forest' ? 24 : 12,
            });
          }
        }
        along += spacing * laneRandom.range(0.8, 1.2);
      }
    });
    return seeds;
  }

  /**
   * Collective construction land beside the main roads: a village workshop, a warehouse, a brickworks. A few runs
   * of 2–5 medium-large plots per village, square to the road.
   */
  roadsideCollectiveSeeds(random: Random): SeedPoint[] {
    const seeds: SeedPoint[] = [];
    for (const village of this.context.villages) {
      const villageRandom = random.fork(`collective-${village.index}`);
      const siteCount = villageRandom.int(1, 3);
      const candidates: { road: MainRoad; index: number }[] = [];
      const villageBbox = bboxOf(village.ring);
      for (const road of this.context.mainRoads) {
        road.line.forEach((point, index) => {
          if (index % 3 !== 0 || point[0] < villageBbox.minX || point[0] > villageBbox.maxX) return;
          if (point[1] < villageBbox.minY || point[1] > villageBbox.maxY) return;
          if (pointInRing(point, village.ring) && this.streets.distanceWithin(point, 150) > 150) {
            candidates.push({ road, index });
          }
        });
      }
      for (let site = 0; site < siteCount && candidates.length > 0; site++) {
        const { road, index } = villageRandom.pick(candidates);
        const side = villageRandom.chance(0.5) ? 1 : -1;
        const plots = villageRandom.int(2, 5);
        const offset = road.halfWidth + villageRandom.range(26, 34);
        for (let plot = 0; plot < plots; plot++) {
          const at = road.line[index + plot * 2];
          const next = road.line[index + plot * 2 + 1];
          if (!at || !next) break;
          const length = distance(at, next) || 1;
          const normal: Point = [-(next[1] - at[1]) / length, (next[0] - at[0]) / length];
          seeds.push({
            point: [at[0] + normal[0] * offset * side, at[1] + normal[1] * offset * side],
            kind: 'collective',
            exclusion: 24,
          });
        }
      }
    }
    return seeds;
  }
}

function exclusionFor(kind: FieldKind, across: number): number {
  if (kind === 'forest') return 0.32 * across;
  return 0.38 * across;
}
