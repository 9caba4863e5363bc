// Types of haproxy.mjs for TypeScript callers (the cluster tests); the module stays plain JS so
// the cluster script and the bench run it without a build.
import type { ChildProcess } from 'node:child_process';

export interface HaproxyNode {
  name: string;
  host?: string;
  port: number;
  checkIntervalMs?: number;
}

export function parleySections(opts: {
  binds: string[];
  servers: string[];
  checkPath?: string;
}): string[];

export function serverLine(node: HaproxyNode): string;

export function haproxyConfig(opts: {
  port: number;
  nodes: HaproxyNode[];
  host?: string;
  checkIntervalMs?: number;
  checkPath?: string;
}): string;

export function freePort(): Promise<number>;

export function haproxyBinary(): string;

export interface RunningHaproxy {
  port: number;
  url: string;
  pid: number;
  child: ChildProcess;
  stop(): Promise<void>;
}

export function startHaproxy(opts?: {
  nodes: HaproxyNode[];
  port?: number;
  onOutput?: (chunk: string) => void;
  onSpawn?: (child: ChildProcess) => void;
  checkPath?: string;
  detached?: boolean;
}): Promise<RunningHaproxy>;
