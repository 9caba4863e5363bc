import { once } from 'node:events';
import { PassThrough, type Readable } from 'node:stream';
import { strToU8, Zip, ZipDeflate, ZipPassThrough } from 'fflate';
import type { ExportFile } from '../../storage/privacy.js';
import type { Deps } from '../deps.js';

/** Where a file goes in the archive: its id keeps names unique, the name is made path-safe. */
export function archivePath(file: Pick<ExportFile, 'id' | 'name'>): string {
  const safe =
    file.name
      .replace(/[^\w.-]+/g, '_')
      .replace(/^\.+/, '')
      .slice(0, 100) || 'file';
  return `files/${file.id}-${safe}`;
}

/**
 * A zip streamed as it is written: each file's bytes straight from the file store (stored, as
 * most are already compressed), then `data.json`, built by `data` from the paths of the files
 * whose bytes were missing. Written at the pace the reader reads.
 */
export function streamArchive(
  deps: Deps,
  files: readonly ExportFile[],
  data: (missing: string[]) => unknown,
): Readable {
  const out = new PassThrough();
  const zip = new Zip((err, chunk, final) => {
    if (err) return void out.destroy(err);
    out.write(chunk);
    if (final) out.end();
  });
  const run = async () => {
    const missing: string[] = [];
    for (const file of files) {
      const entry = new ZipPassThrough(archivePath(file));
      entry.mtime = file.created_at;
      zip.add(entry);
      try {
        for await (const chunk of deps.files.read(file.storage_key) as AsyncIterable<Buffer>) {
          entry.push(chunk);
          if (out.writableNeedDrain) await once(out, 'drain');
          if (out.destroyed) return;
        }
      } catch (err) {
        deps.log.warn({ err, fileId: file.id }, 'export: file bytes missing');
        missing.push(archivePath(file));
      }
      entry.push(new Uint8Array(0), true);
    }
    const json = new ZipDeflate('data.json', { level: 6 });
    zip.add(json);
    json.push(strToU8(JSON.stringify(data(missing), null, 2)), true);
    zip.end();
  };
  run().catch((err: unknown) => out.destroy(err as Error));
  return out;
}
