/**
 * Village plans (GeoPackage attribute table `plans`, one row per village), behind an interface like the other
 * stores: the routes never see SQL. Plans are a handful of rows read on every report, so they live in memory and
 * are written through.
 */
import type { Database } from 'better-sqlite3';
import type { PlanMilestone, VillagePlan, VillagePlanInput } from '../domain/reports/report-types.ts';

export type PlanSaveResult =
  | { ok: true; plan: VillagePlan }
  | { ok: false; reason: 'stale'; current: VillagePlan | null };

export interface PlanStore {
  /** Every village's plan, by village code. */
  plans(): ReadonlyMap<string, VillagePlan>;
  plan(village: string): VillagePlan | undefined;
  /**
   * Creates or replaces a village's plan (validation is the caller's: `parsePlanInput`). With `expectedVersion`,
   * refuses when the stored version differs (0 = "there must be no plan yet").
   */
  savePlan(
    village: string,
    input: VillagePlanInput,
    actor: string,
    expectedVersion?: number,
    now?: Date,
  ): PlanSaveResult;
}

interface PlanRow {
  village: string;
  start_date: string;
  signed_by: string;
  handed_over_by: string;
  milestones: string;
  version: number;
  updated_at: string;
  updated_by: string;
}

function toPlan(row: PlanRow): VillagePlan {
  return {
    village: row.village,
    startDate: row.start_date,
    signedBy: row.signed_by,
    handedOverBy: row.handed_over_by,
    milestones: JSON.parse(row.milestones) as PlanMilestone[],
    version: row.version,
    updatedAt: row.updated_at,
    updatedBy: row.updated_by,
  };
}

export class SqlitePlanStore implements PlanStore {
  private readonly byVillage = new Map<string, VillagePlan>();

  constructor(private readonly database: Database) {
    for (const row of database.prepare('SELECT * FROM plans ORDER BY village').all() as PlanRow[])
      this.byVillage.set(row.village, toPlan(row));
  }

  plans(): ReadonlyMap<string, VillagePlan> {
    return this.byVillage;
  }

  plan(village: string): VillagePlan | undefined {
    return this.byVillage.get(village);
  }

  savePlan(
    village: string,
    input: VillagePlanInput,
    actor: string,
    expectedVersion?: number,
    now = new Date(),
  ): PlanSaveResult {
    const current = this.byVillage.get(village) ?? null;
    if (expectedVersion !== undefined && expectedVersion !== (current?.version ?? 0))
      return { ok: false, reason: 'stale', current };
    const plan: VillagePlan = {
      village,
      startDate: input.startDate,
      signedBy: input.signedBy,
      handedOverBy: input.handedOverBy,
      milestones: input.milestones ?? [],
      version: (current?.version ?? 0) + 1,
      updatedAt: now.toISOString(),
      updatedBy: actor,
    };
    this.database
      .prepare(
        `INSERT INTO plans (village, start_date, signed_by, handed_over_by, milestones, version, updated_at, updated_by)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?)
         ON CONFLICT (village) DO UPDATE SET start_date = excluded.start_date, signed_by = excluded.signed_by,
           handed_over_by = excluded.handed_over_by, milestones = excluded.milestones, version = excluded.version,
           updated_at = excluded.updated_at, updated_by = excluded.updated_by`,
      )
      .run(
        village,
        plan.startDate,
        plan.signedBy,
        plan.handedOverBy,
        JSON.stringify(plan.milestones),
        plan.version,
        plan.updatedAt,
        plan.updatedBy,
      );
    this.byVillage.set(village, plan);
    return { ok: true, plan };
  }
}
