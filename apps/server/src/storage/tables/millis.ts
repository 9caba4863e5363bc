import type { ColumnType } from 'kysely';

/**
 * Times are stored as epoch milliseconds (bigint on PostgreSQL, integer on SQLite) so both
 * dialects compare and sort them the same way.
 */
export type Millis = ColumnType<number, number, number>;
