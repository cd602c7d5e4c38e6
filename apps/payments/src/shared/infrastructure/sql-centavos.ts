/**
 * A `bigint` column read as centavos. node-postgres hands bigint over as text; it becomes a number only
 * when that number is exact — a rounded amount is an error, never a balance. (Casting to `int` in SQL
 * instead fails above R$ 21.474.836,47.)
 */
export function centavosFromSql(value: string | number, column: string): number {
  const centavos = Number(value);
  if (!Number.isSafeInteger(centavos)) {
    throw new Error(
      `${column} ${String(value)} is beyond exact integer centavos (${Number.MAX_SAFE_INTEGER})`,
    );
  }
  return centavos;
}
