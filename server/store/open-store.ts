/**
 * Opens the store, building it from the committed sample sources first when the GeoPackage does not exist yet
 * (with the sample's demo users, documented as sample-only in the README).
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { hashPassword } from '../auth/passwords.ts';
import { parsePlanInput } from '../domain/reports/plans.ts';
import { isRole } from '../domain/users.ts';
import { createParkGeoPackage } from './create-park-geopackage.ts';
import { DatasetError } from './dataset-error.ts';
import { GeoPackageStore } from './geopackage-store.ts';
import { readSampleRates, readSampleSettings } from './read-rates.ts';
import { readSampleDataset } from './read-sample.ts';

interface SampleUser {
  username: string;
  displayName: string;
  role: string;
  villages: string[];
  password: string;
}

export async function openOrCreateStore(
  storePath: string,
  sampleDirectory: string,
  log: (line: string) => void,
): Promise<GeoPackageStore> {
  if (existsSync(storePath)) return GeoPackageStore.open(storePath);
  log(`building ${storePath} from the sample in ${sampleDirectory} …`);
  const started = performance.now();
  const dataset = readSampleDataset(sampleDirectory);
  // The sample's statuses are current as of its last event, not as of the moment this machine built the store.
  const lastEvent = dataset.events.reduce<string | undefined>(
    (latest, event) =>
      latest === undefined || Date.parse(event.at) > Date.parse(latest) ? event.at : latest,
    undefined,
  );
  createParkGeoPackage(storePath, dataset, { builtAt: lastEvent ?? new Date().toISOString() });
  const store = GeoPackageStore.open(storePath);
  const usersFile = join(sampleDirectory, 'users.json');
  if (existsSync(usersFile)) {
    const { users } = JSON.parse(readFileSync(usersFile, 'utf8')) as { users: SampleUser[] };
    for (const user of users) {
      if (!isRole(user.role)) {
        throw new DatasetError(`user ${user.username}`, 'role', {
          zh: `未知角色“${user.role}”`,
          en: `unknown role "${user.role}"`,
        });
      }
      store.accounts.addUser({ ...user, role: user.role, passwordHash: await hashPassword(user.password) });
    }
    log(`added ${users.length} sample-only demo users (see README)`);
  }
  loadSampleCompensation(store, sampleDirectory, log);
  loadSamplePlans(store, sampleDirectory, log);
  log(`built in ${Math.round(performance.now() - started)} ms`);
  return store;
}

/**
 * The sample's rate tables and 公示 setting, then the agreed amount of every household the sample history signed,
 * computed with the table in effect on its signing day (as a live signing records it). Only on first build: an
 * existing store is never given sample rates, which would put fictional money on a real public board.
 */
function loadSampleCompensation(
  store: GeoPackageStore,
  sampleDirectory: string,
  log: (line: string) => void,
) {
  const rateTables = readSampleRates(sampleDirectory);
  for (const content of rateTables) store.compensation.publishRateTable(content, 'sample');
  const settings = readSampleSettings(sampleDirectory);
  if (settings) store.compensation.updatePublicitySettings(settings, 'sample');
  if (rateTables.length === 0) return;
  const recorded = store.compensation.recordMissingAgreements(store.parcels(), 'sample');
  log(`loaded ${rateTables.length} sample rate table versions; recorded ${recorded} agreed amounts`);
}

/** The sample's village plans (`plans.json`, hand-written, sample only), checked as `PUT /api/plans/:village` checks. */
function loadSamplePlans(store: GeoPackageStore, sampleDirectory: string, log: (line: string) => void) {
  const plansFile = join(sampleDirectory, 'plans.json');
  if (!existsSync(plansFile)) return;
  const { plans } = JSON.parse(readFileSync(plansFile, 'utf8')) as {
    plans: ({ village: string } & object)[];
  };
  for (const plan of plans) {
    const parsed = parsePlanInput(plan);
    if (!parsed.ok) {
      const [first] = parsed.errors;
      throw new DatasetError(`plan ${plan.village}`, first?.field ?? 'plan', {
        zh: first?.zh ?? '计划无效',
        en: first?.en ?? 'invalid plan',
      });
    }
    store.plans.savePlan(plan.village, parsed.input, 'sample');
  }
  log(`loaded ${plans.length} sample village plans`);
}
