/**
 * SIREN and SIRET checksums. Both are Luhn numbers, with one known exception: the
 * establishments of La Poste (SIREN 356000000) were numbered before the rule applied, and
 * INSEE validates their SIRET by "sum of the digits is a multiple of 5" instead.
 */

const LA_POSTE_SIREN = "356000000";

/** Luhn checksum over a string of digits (the caller has checked it holds digits only). */
export function passesLuhn(digits: string): boolean {
  let sum = 0;
  for (let i = 0; i < digits.length; i++) {
    let digit = digits.charCodeAt(digits.length - 1 - i) - 48;
    if (i % 2 === 1) {
      digit *= 2;
      if (digit > 9) digit -= 9;
    }
    sum += digit;
  }
  return sum % 10 === 0;
}

function digitSum(digits: string): number {
  let sum = 0;
  for (let i = 0; i < digits.length; i++) sum += digits.charCodeAt(i) - 48;
  return sum;
}

export function isValidSiren(siren: string): boolean {
  return /^\d{9}$/.test(siren) && passesLuhn(siren);
}

export function isValidSiret(siret: string): boolean {
  if (!/^\d{14}$/.test(siret)) return false;
  if (siret.startsWith(LA_POSTE_SIREN)) return digitSum(siret) % 5 === 0;
  return passesLuhn(siret) && passesLuhn(siret.slice(0, 9));
}
