/** Whether a person born on an ISO date is under 18 at an instant; null when the date is missing or malformed. */
export function isMinorAt(birthDate: string | null, at: Date): boolean | null {
  if (!birthDate || !/^\d{4}-\d{2}-\d{2}$/.test(birthDate)) return null;
  const [year, month, day] = birthDate.split('-').map(Number) as [number, number, number];
  const eighteenth = Date.UTC(year + 18, month - 1, day);
  return at.getTime() < eighteenth;
}
