import {
  useCallback,
  useEffect,
  useRef,
  useState,
  type Dispatch,
  type SetStateAction,
} from 'react';
import type { UploadHandle } from '../api/upload';
import { ApiError } from '../api/http';
import * as uploads from '../client/composer/uploads';
import { useConsole, useConsoleState } from '../context';

export interface UploadQueueApi {
  queue: uploads.UploadQueue;
  /** Why files were refused in the last add (too many, too large). */
  refused: readonly string[];
  dismissRefused: () => void;
  /** Starts uploading; returns reasons for files that were refused. */
  add: (files: ReadonlyArray<File | { file: Blob; name: string }>) => string[];
  remove: (key: string) => void;
  retry: (key: string) => void;
  /** After the message went out: the chips go (the uploaded ids now belong to the message). */
  clear: () => void;
}

let seq = 0;

function uploadError(err: unknown): string {
  if (err instanceof ApiError) {
    if (err.code === 'PAYLOAD_TOO_LARGE') return 'Too large for this server';
    if (err.code === 'UNSUPPORTED_FILE_TYPE') return 'This type of file is not allowed';
    return err.message;
  }
  return 'Upload failed';
}

/** The files waiting to go with the next message in one chat: each uploads at once, with progress. */
export function useUploadQueue(conversationId: string): UploadQueueApi {
  const { settings } = useConsoleState();
  const [queue, setQueue] = useState<uploads.UploadQueue>([]);
  const [refused, setRefused] = useState<readonly string[]>([]);
  const queueRef = useRef(queue);
  useEffect(() => {
    queueRef.current = queue;
  }, [queue]);
  const { blobs, start, cancel } = useTransfers(conversationId, setQueue);
  const maxBytes = settings ? settings.maxFileMb * 1024 * 1024 : null;

  const add = useCallback(
    (files: ReadonlyArray<File | { file: Blob; name: string }>) => {
      const items = files.map((f) => {
        seq += 1;
        const entry = f instanceof File ? { file: f, name: f.name || 'file' } : f;
        return { key: `f${seq}`, ...entry };
      });
      const result = uploads.enqueue(
        queueRef.current,
        items.map((i) => ({ key: i.key, name: i.name, size: i.file.size })),
        maxBytes,
      );
      queueRef.current = result.queue;
      setQueue(result.queue);
      setRefused(result.refused);
      for (const i of items) {
        if (!result.accepted.includes(i.key)) continue;
        blobs.current.set(i.key, { file: i.file, name: i.name });
        start(i.key);
      }
      return result.refused;
    },
    [maxBytes, start, blobs],
  );

  const remove = useCallback(
    (key: string) => {
      cancel(key);
      setQueue((q) => uploads.remove(q, key));
    },
    [cancel],
  );

  const retry = useCallback(
    (key: string) => {
      setQueue((q) => uploads.restart(q, key));
      start(key);
    },
    [start],
  );

  const clear = useCallback(() => {
    blobs.current.clear();
    queueRef.current = [];
    setQueue([]);
    setRefused([]);
  }, [blobs]);
  const dismissRefused = useCallback(() => setRefused([]), []);

  return { queue, refused, dismissRefused, add, remove, retry, clear };
}

/**
 * The transfers behind the queue: each file's blob until the message goes, and the request
 * uploading it. Leaving the chat cancels uploads still running (their files were never sent).
 */
function useTransfers(
  conversationId: string,
  setQueue: Dispatch<SetStateAction<uploads.UploadQueue>>,
) {
  const { api } = useConsole();
  const blobs = useRef(new Map<string, { file: Blob; name: string }>());
  const handles = useRef(new Map<string, UploadHandle>());

  const start = useCallback(
    (key: string) => {
      const item = blobs.current.get(key);
      if (!item) return;
      const handle = api.upload(conversationId, item.file, item.name, (f) =>
        setQueue((q) => uploads.setProgress(q, key, f)),
      );
      handles.current.set(key, handle);
      handle.done.then(
        (attachment) => {
          handles.current.delete(key);
          setQueue((q) => uploads.setUploaded(q, key, attachment));
        },
        (err: unknown) => {
          handles.current.delete(key);
          setQueue((q) => uploads.setFailed(q, key, uploadError(err)));
        },
      );
    },
    [api, conversationId, setQueue],
  );

  const cancel = useCallback((key: string) => {
    handles.current.get(key)?.abort();
    handles.current.delete(key);
    blobs.current.delete(key);
  }, []);

  useEffect(() => {
    const running = handles.current;
    return () => {
      for (const h of running.values()) h.abort();
    };
  }, []);

  return { blobs, start, cancel };
}
