/**
 * Receiving a survey file: the body is streamed to disk (a 1 GB Shapefile never sits in memory) and cut off as soon
 * as it passes the size limit, so a runaway upload cannot fill the disk either.
 */
import { createHash } from 'node:crypto';
import { once } from 'node:events';
import { createWriteStream, rmSync } from 'node:fs';

export class UploadTooLargeError extends Error {
  readonly limitBytes: number;
  constructor(limitBytes: number) {
    super(`upload larger than ${limitBytes} bytes`);
    this.name = 'UploadTooLargeError';
    this.limitBytes = limitBytes;
  }
}

export interface ReceivedUpload {
  bytes: number;
  sha256: string;
}

/** Writes `body` to `path`; on any failure (too large, client gone) the partial file is removed. */
export async function receiveUpload(
  body: ReadableStream<Uint8Array>,
  path: string,
  limitBytes: number,
): Promise<ReceivedUpload> {
  const output = createWriteStream(path, { flags: 'wx' });
  // Opened before the first byte is read: a failure to open is this call's error, not a stray stream event.
  await once(output, 'open');
  const hash = createHash('sha256');
  let bytes = 0;
  const reader = body.getReader();
  try {
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      bytes += value.byteLength;
      if (bytes > limitBytes) throw new UploadTooLargeError(limitBytes);
      hash.update(value);
      if (!output.write(value)) await once(output, 'drain');
    }
    output.end();
    await once(output, 'finish');
    return { bytes, sha256: hash.digest('hex') };
  } catch (error) {
    await reader.cancel().catch(() => undefined);
    output.destroy();
    rmSync(path, { force: true });
    throw error;
  }
}
