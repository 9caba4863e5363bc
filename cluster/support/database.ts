import { randomBytes } from 'node:crypto';
import pg from 'pg';

const SERVER_URL = process.env.PARLEY_CLUSTER_PG_URL ?? 'postgres://postgres@127.0.0.1:5432/test';

/** A PostgreSQL database of this run's own (`parley_cluster_<random>`), dropped at the end. */
export class TestDatabase {
  readonly pool: pg.Pool;

  private constructor(
    readonly name: string,
    readonly url: string,
  ) {
    this.pool = new pg.Pool({ connectionString: url, max: 4 });
    this.pool.on('error', () => undefined);
  }

  static async create(): Promise<TestDatabase> {
    const name = `parley_cluster_${randomBytes(5).toString('hex')}`;
    await TestDatabase.admin(`create database ${name}`);
    const url = new URL(SERVER_URL);
    url.pathname = `/${name}`;
    return new TestDatabase(name, url.toString());
  }

  private static async admin(statement: string): Promise<void> {
    const client = new pg.Client({ connectionString: SERVER_URL });
    try {
      await client.connect();
    } catch (err) {
      throw new Error(`PostgreSQL is not reachable at ${SERVER_URL}`, { cause: err });
    }
    try {
      await client.query(statement);
    } finally {
      await client.end();
    }
  }

  async query<R extends pg.QueryResultRow>(text: string, params: unknown[] = []): Promise<R[]> {
    return (await this.pool.query<R>(text, params)).rows;
  }

  async drop(): Promise<void> {
    await this.pool.end().catch(() => undefined);
    // WITH (FORCE): a node killed mid-query may leave a backend behind for a moment.
    await TestDatabase.admin(`drop database if exists ${this.name} with (force)`);
  }
}
