/**
 * `npm run bench`: prints tables of medians (several runs) with baselines side by side, for the record in
 * docs/benchmarks.md. Targets live in the issues and in the table titles; nothing here passes or fails.
 *
 *   BENCH_SIZES=10000,100000  parcel counts for the API and browser benchmarks
 *   BENCH_RUNS=5              runs per median
 *   BENCH_WRITE_SECONDS=30    duration of the concurrent-writers benchmark
 *   BENCH_ONLY=api,browser,writes,reports,import  which parts to run
 */
import { cpus, totalmem } from 'node:os';
import { runApiBenchmark } from './api-bench.ts';
import { runBrowserBenchmark } from './browser-bench.ts';
import { runImportBenchmark } from './import-bench.ts';
import { buildBenchmarkPark } from './park-stores.ts';
import { runReportBenchmark } from './report-bench.ts';
import { runWriteBenchmark } from './write-bench.ts';

const sizes = (process.env.BENCH_SIZES ?? '10000,100000').split(',').map(Number);
const runs = Number(process.env.BENCH_RUNS ?? 5);
const writeSeconds = Number(process.env.BENCH_WRITE_SECONDS ?? 30);
const only = new Set((process.env.BENCH_ONLY ?? 'api,browser,writes,reports,import').split(','));

console.log(
  `# Parcel Command Map benchmark — ${new Date().toISOString()}\n` +
    `Node ${process.version}, ${cpus().length} × ${cpus()[0]?.model ?? 'CPU'}, ${Math.round(totalmem() / 2 ** 30)} GiB; ` +
    'Chromium with software WebGL (SwiftShader)',
);
for (const size of sizes) {
  if (!only.has('api') && !only.has('browser')) break;
  const park = await buildBenchmarkPark(size);
  try {
    if (only.has('api')) await runApiBenchmark(park, runs);
    if (only.has('browser')) await runBrowserBenchmark(park, runs);
  } finally {
    park.remove();
  }
}
if (only.has('writes')) await runWriteBenchmark({ seconds: writeSeconds, parcels: 100_000 });
if (only.has('reports')) await runReportBenchmark(runs);
if (only.has('import')) await runImportBenchmark(runs);
