/** A timestamptz column as ISO-8601 UTC text (`2026-11-30T12:00:00.000Z`), as the API answers times. */
export const isoUtc = (column: string) =>
  `to_char(${column} AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"')`;
