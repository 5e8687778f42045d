/**
 * SIREN and SIRET checksums. Both are Luhn numbers, with one known exception: the
 * establishments of La Poste (SIREN 356000000) were numbered before the rule applied, and
 * INSEE validates their SIRET by "sum of the digits is a multiple of 5" instead.
 */

const LA_POSTE_SIREN = "356000000";

/**
 * Whether `text` is exactly `length` ASCII digits: `/^\d{9}$/` without the RegExp engine, once
 * per row of a big table (a SIREN column is checked for its form, then for its checksum).
 */
export function isDigits(text: string, length: number): boolean {
  if (text.length !== length) return false;
  for (let i = 0; i < length; i++) {
    const c = text.charCodeAt(i);
    if (c < 48 || c > 57) return false;
  }
  return true;
}

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
  return isDigits(siren, 9) && passesLuhn(siren);
}

export function isValidSiret(siret: string): boolean {
  if (!isDigits(siret, 14)) return false;
  if (siret.startsWith(LA_POSTE_SIREN)) return digitSum(siret) % 5 === 0;
  return passesLuhn(siret) && passesLuhn(siret.slice(0, 9));
}
