/**
 * Rate tables, recorded agreements, building exclusions and the 公示 setting, behind an interface like the parcels
 * and the accounts: the routes never see SQL. Rate tables are few and read on every request, so they live in memory;
 * signing records and agreements are read in two queries and cached until the next write.
 */
import type { Database, Statement } from 'better-sqlite3';
import { chinaDate } from '../domain/china-time.ts';
import { computeCompensation, rateDateFor } from '../domain/compensation.ts';
import {
  type Agreement,
  type BuildingExclusions,
  factsOf,
  type Household,
  NO_EXCLUSIONS,
  type SigningRecord,
} from '../domain/compensation-ledger.ts';
import type { ParcelSummary } from '../domain/parcel.ts';
import { type HolderNamePolicy, isHolderNamePolicy } from '../domain/publicity.ts';
import { type RateTable, type RateTableContent, rateTableInEffect } from '../domain/rates.ts';
import type { LandClass, Structure } from '../domain/statuses.ts';

export interface PublicitySettings {
  holderNames: HolderNamePolicy;
}

export const DEFAULT_PUBLICITY_SETTINGS: PublicitySettings = { holderNames: 'masked' };

export interface CompensationStore {
  /** Every version, oldest first. */
  rateTables(): readonly RateTable[];
  /** Appends a version (validation is the caller's: `parseRateTableContent`). Never changes an existing one. */
  publishRateTable(content: RateTableContent, actor: string, now?: Date): RateTable;
  publicitySettings(): PublicitySettings;
  updatePublicitySettings(settings: PublicitySettings, actor: string): PublicitySettings;
  buildingExclusions(parcelId: number): BuildingExclusions;
  setBuildingExclusions(parcelId: number, exclusions: BuildingExclusions, note: string, actor: string): void;
  /** The ledger's view of the given parcels: exclusions, latest signing and latest recorded agreement. */
  households(parcels: readonly ParcelSummary[]): Household[];
  /**
   * Records what a household is owed under the table in effect on its signing day. Called by the parcel store
   * inside the transaction that appends the signing event, so the signing and its amount commit together.
   */
  recordAgreement(
    parcel: ParcelSummary,
    signing: SigningRecord,
    source: Agreement['source'],
    recordedAt: string,
  ): Agreement;
  /** Records the agreement of every signed or ruled parcel that has none for its latest signing (sample build). */
  recordMissingAgreements(parcels: readonly ParcelSummary[], source: Agreement['source']): number;
  /** Increments on every write here; caches of compensation answers key on it with the parcel store's revision. */
  revision(): number;
}

interface RateTableRow {
  version: number;
  title: string;
  effective_date: string;
  relocation_per_household: number;
  early_signing_bonus: number;
  early_signing_deadline: string;
  note: string;
  created_by: string;
  created_at: string;
}

interface AgreementRow {
  parcel_id: number;
  event_id: number;
  status: Agreement['status'];
  signed_at: string;
  rate_version: number | null;
  agreed_fen: number | null;
  source: Agreement['source'];
  recorded_at: string;
}

const UNITS = { land: '元/亩', building: '元/㎡' } as const;

export class SqliteCompensationStore implements CompensationStore {
  private readonly tables: RateTable[];
  private revisionCounter = 1;
  private cache: { signings: Map<number, SigningRecord>; agreements: Map<number, Agreement> } | undefined;
  private exclusions: Map<number, BuildingExclusions> | undefined;
  private readonly insertAgreement: Statement;

  constructor(
    private readonly database: Database,
    private readonly announcementDate: string,
  ) {
    this.tables = this.readRateTables();
    this.insertAgreement = database.prepare(
      `INSERT INTO compensation_agreements
         (parcel_id, event_id, status, signed_at, rate_version, agreed_fen, facts, source, recorded_at)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    );
  }

  private readRateTables(): RateTable[] {
    const headers = this.database
      .prepare('SELECT * FROM rate_tables ORDER BY version')
      .all() as RateTableRow[];
    const rates = this.database.prepare('SELECT version, category, code, rate FROM rates').all() as {
      version: number;
      category: 'land' | 'building';
      code: string;
      rate: number;
    }[];
    return headers.map((header) => {
      const own = rates.filter((rate) => rate.version === header.version);
      const pick = (category: 'land' | 'building') =>
        Object.fromEntries(
          own.filter((rate) => rate.category === category).map((rate) => [rate.code, rate.rate]),
        );
      return {
        version: header.version,
        title: header.title,
        effectiveDate: header.effective_date,
        land: pick('land') as Record<LandClass, number>,
        building: pick('building') as Record<Structure, number>,
        relocationPerHousehold: header.relocation_per_household,
        earlySigning: {
          bonusPerHousehold: header.early_signing_bonus,
          deadline: header.early_signing_deadline,
        },
        note: header.note,
        createdBy: header.created_by,
        createdAt: header.created_at,
      };
    });
  }

  rateTables(): readonly RateTable[] {
    return this.tables;
  }

  revision(): number {
    return this.revisionCounter;
  }

  publishRateTable(content: RateTableContent, actor: string, now = new Date()): RateTable {
    const createdAt = now.toISOString();
    const version = this.database.transaction(() => {
      const result = this.database
        .prepare(
          `INSERT INTO rate_tables (title, effective_date, relocation_per_household, early_signing_bonus,
             early_signing_deadline, note, created_by, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)`,
        )
        .run(
          content.title,
          content.effectiveDate,
          content.relocationPerHousehold,
          content.earlySigning.bonusPerHousehold,
          content.earlySigning.deadline,
          content.note,
          actor,
          createdAt,
        );
      const inserted = Number(result.lastInsertRowid);
      const insertRate = this.database.prepare(
        'INSERT INTO rates (version, category, code, rate, unit) VALUES (?, ?, ?, ?, ?)',
      );
      for (const [code, rate] of Object.entries(content.land)) {
        insertRate.run(inserted, 'land', code, rate, UNITS.land);
      }
      for (const [code, rate] of Object.entries(content.building)) {
        insertRate.run(inserted, 'building', code, rate, UNITS.building);
      }
      return inserted;
    })();
    const table: RateTable = {
      ...content,
      land: { ...content.land },
      building: { ...content.building },
      earlySigning: { ...content.earlySigning },
      version,
      createdAt,
      createdBy: actor,
    };
    this.tables.push(table);
    this.revisionCounter++;
    return table;
  }

  publicitySettings(): PublicitySettings {
    const value = this.database
      .prepare("SELECT value FROM settings WHERE key = 'publicity.holderNames'")
      .pluck()
      .get();
    return isHolderNamePolicy(value) ? { holderNames: value } : { ...DEFAULT_PUBLICITY_SETTINGS };
  }

  updatePublicitySettings(settings: PublicitySettings, actor: string): PublicitySettings {
    this.database
      .prepare(
        `INSERT INTO settings (key, value, updated_by, updated_at) VALUES ('publicity.holderNames', ?, ?, ?)
         ON CONFLICT(key) DO UPDATE SET value = excluded.value, updated_by = excluded.updated_by,
           updated_at = excluded.updated_at`,
      )
      .run(settings.holderNames, actor, new Date().toISOString());
    this.revisionCounter++;
    return this.publicitySettings();
  }

  private exclusionMap(): Map<number, BuildingExclusions> {
    if (!this.exclusions) {
      const rows = this.database
        .prepare('SELECT parcel_id, illegal_area_m2, rush_built_area_m2 FROM building_exclusions')
        .all() as { parcel_id: number; illegal_area_m2: number; rush_built_area_m2: number }[];
      this.exclusions = new Map(
        rows.map((row) => [
          row.parcel_id,
          { illegalBuildingArea: row.illegal_area_m2, rushBuiltArea: row.rush_built_area_m2 },
        ]),
      );
    }
    return this.exclusions;
  }

  buildingExclusions(parcelId: number): BuildingExclusions {
    return this.exclusionMap().get(parcelId) ?? NO_EXCLUSIONS;
  }

  setBuildingExclusions(parcelId: number, exclusions: BuildingExclusions, note: string, actor: string): void {
    this.database
      .prepare(
        `INSERT INTO building_exclusions (parcel_id, illegal_area_m2, rush_built_area_m2, note, updated_by, updated_at)
         VALUES (?, ?, ?, ?, ?, ?)
         ON CONFLICT(parcel_id) DO UPDATE SET illegal_area_m2 = excluded.illegal_area_m2,
           rush_built_area_m2 = excluded.rush_built_area_m2, note = excluded.note,
           updated_by = excluded.updated_by, updated_at = excluded.updated_at`,
      )
      .run(
        parcelId,
        exclusions.illegalBuildingArea,
        exclusions.rushBuiltArea,
        note,
        actor,
        new Date().toISOString(),
      );
    this.exclusions = undefined;
    this.revisionCounter++;
  }

  private signingsAndAgreements() {
    if (!this.cache) {
      // Event ids follow commit order, so the largest id is the latest signing even when times carry other offsets.
      const signingRows = this.database
        .prepare(
          `SELECT event.id, event.parcel_id, event.at, event.to_status FROM events event
           JOIN (SELECT MAX(id) AS id FROM events
                 WHERE axis = 'signing' AND to_status IN ('signed', 'ruled') GROUP BY parcel_id) latest
             ON latest.id = event.id`,
        )
        .all() as { id: number; parcel_id: number; at: string; to_status: SigningRecord['status'] }[];
      const agreementRows = this.database
        .prepare(
          `SELECT * FROM compensation_agreements
           WHERE id IN (SELECT MAX(id) FROM compensation_agreements GROUP BY parcel_id)`,
        )
        .all() as AgreementRow[];
      this.cache = {
        signings: new Map(
          signingRows.map((row) => [row.parcel_id, { eventId: row.id, at: row.at, status: row.to_status }]),
        ),
        agreements: new Map(
          agreementRows.map((row) => [
            row.parcel_id,
            {
              parcelId: row.parcel_id,
              eventId: row.event_id,
              status: row.status,
              signedAt: row.signed_at,
              rateVersion: row.rate_version,
              agreedFen: row.agreed_fen,
              source: row.source,
              recordedAt: row.recorded_at,
            },
          ]),
        ),
      };
    }
    return this.cache;
  }

  households(parcels: readonly ParcelSummary[]): Household[] {
    const { signings, agreements } = this.signingsAndAgreements();
    const exclusions = this.exclusionMap();
    return parcels.map((parcel) => ({
      parcel,
      exclusions: exclusions.get(parcel.id) ?? NO_EXCLUSIONS,
      signing: signings.get(parcel.id) ?? null,
      agreement: agreements.get(parcel.id) ?? null,
    }));
  }

  recordAgreement(
    parcel: ParcelSummary,
    signing: SigningRecord,
    source: Agreement['source'],
    recordedAt: string,
  ): Agreement {
    const household: Household = {
      parcel,
      exclusions: this.buildingExclusions(parcel.id),
      signing,
      agreement: null,
    };
    const facts = factsOf(household);
    const rateDate = rateDateFor(facts, chinaDate(signing.at));
    const table = rateTableInEffect(this.tables, rateDate);
    const compensation = table
      ? computeCompensation(facts, table, { announcementDate: this.announcementDate })
      : null;
    this.insertAgreement.run(
      parcel.id,
      signing.eventId,
      signing.status,
      signing.at,
      table?.version ?? null,
      compensation?.totalFen ?? null,
      JSON.stringify({ ...facts, rateDate }),
      source,
      recordedAt,
    );
    this.cache = undefined;
    this.revisionCounter++;
    return {
      parcelId: parcel.id,
      eventId: signing.eventId,
      status: signing.status,
      signedAt: signing.at,
      rateVersion: table?.version ?? null,
      agreedFen: compensation?.totalFen ?? null,
      source,
      recordedAt,
    };
  }

  recordMissingAgreements(parcels: readonly ParcelSummary[], source: Agreement['source']): number {
    const recordedAt = new Date().toISOString();
    const missing = this.households(parcels).filter(
      (household) =>
        (household.parcel.signing === 'signed' || household.parcel.signing === 'ruled') &&
        household.signing !== null &&
        household.agreement?.eventId !== household.signing.eventId,
    );
    this.database.transaction(() => {
      for (const household of missing) {
        this.recordAgreement(household.parcel, household.signing as SigningRecord, source, recordedAt);
      }
    })();
    return missing.length;
  }
}
