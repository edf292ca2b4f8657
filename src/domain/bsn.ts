/**
 * The BSN (burgerservicenummer) check every layer shares: nine digits that pass the eleven-test
 * (elfproef), so a typo cannot match the wrong person. One definition for the gateway's inputs, the
 * adapters' wire readers and the synthetic world.
 */
export function isValidBsn(value: string): boolean {
  if (!/^\d{9}$/.test(value)) return false;
  let sum = 0;
  for (let index = 0; index < 8; index++) sum += Number(value[index]) * (9 - index);
  return (sum - Number(value[8])) % 11 === 0;
}
