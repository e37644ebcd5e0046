/**
 * Writes a deterministic sample incident as NDJSON, one file per tier:
 *   npx tsx scripts/generate-sample.ts --out .data/sample [--traces 20000] [--seed 1]
 *     [--text: the same sample as raw nginx access logs too]
 *     [--scenario incident|healthy|slow-app] [--start 2020-11-19T02:00:00Z] [--hours 4]
 */
import { GENERATE_SAMPLE_USAGE, parseGenerateSampleArgs, UsageError } from './sample/cli-options';
import { SAMPLE_EDGE_LOG_FORMAT, SAMPLE_INGRESS_LOG_FORMAT } from './sample/text-lines';
import { writeSampleFiles, writeSampleTextFiles } from './sample/write-sample-files';

async function main(): Promise<number> {
  let args;
  try {
    args = parseGenerateSampleArgs(process.argv.slice(2));
  } catch (error) {
    if (!(error instanceof UsageError)) throw error;
    console.error(`generate-sample: ${error.message}\n${GENERATE_SAMPLE_USAGE}`);
    return 2;
  }
  if (args.help) {
    console.log(GENERATE_SAMPLE_USAGE);
    return 0;
  }
  const summary = await writeSampleFiles(args.outDir, args.options);
  const { options, lines } = summary;
  console.log(
    `generate-sample: ${options.scenario} (seed ${options.seed}, ${options.traces} traces): ` +
      `${lines.edge} edge lines → ${summary.files.edge}, ${lines.ingress} ingress lines → ${summary.files.ingress}, ` +
      `@timestamp ${summary.firstTimestamp ?? '-'} … ${summary.lastTimestamp ?? '-'}`,
  );
  if (args.text) {
    const text = await writeSampleTextFiles(args.outDir, args.options);
    const ingress = Object.entries(text.ingressFiles).map(([node, file]) => `${node}=${file}`).join(',');
    console.log(
      `generate-sample: the same as raw nginx logs: ${text.lines.edge} edge lines → ${text.edgeFile}, ${text.lines.ingress} ingress lines → ` +
        `${Object.keys(text.ingressFiles).length} files. Open them with:\n` +
        `HOPSCOPE_EDGE_FILES=${text.edgeFile} HOPSCOPE_EDGE_FORMAT='${SAMPLE_EDGE_LOG_FORMAT}' \\\n` +
        `HOPSCOPE_INGRESS_FILES=${ingress} HOPSCOPE_INGRESS_FORMAT='${SAMPLE_INGRESS_LOG_FORMAT}' npm run demo`,
    );
  }
  return 0;
}

main().then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    console.error(`generate-sample: ${error instanceof Error ? error.message : String(error)}`);
    process.exitCode = 1;
  },
);
