/**
 * SIREN and SIRET checksums. Both are Luhn numbers, with one known exception: the
 * establishments of La Poste (SIREN 356000000) were numbered before the rule applied, and
 * INSEE validates their SIRET by "sum of the digits is a multiple of 5" instead.
 */

const LA_POSTE_SIREN = [3, 5, 6, 0, 0, 0, 0, 0, 0];

/**
 * Luhn checksum over digit values (as `CheckRow.digits` gives them), the first `length` of
 * `digits`: a SIREN or SIRET checked on a big table's bytes, without its string.
 */
export function passesLuhnDigits(digits: Uint8Array, length: number): boolean {
  let sum = 0;
  for (let i = 0; i < length; i++) {
    let digit = digits[length - 1 - i] as number;
    if (i % 2 === 1) {
      digit *= 2;
      if (digit > 9) digit -= 9;
    }
    sum += digit;
  }
  return sum % 10 === 0;
}

/** Whether digit values (14 of a SIRET) start with La Poste's SIREN. */
function isLaPosteDigits(digits: Uint8Array): boolean {
  for (let i = 0; i < 9; i++) if (digits[i] !== LA_POSTE_SIREN[i]) return false;
  return true;
}

/** Whether 14 digit values are a valid SIRET (see `isValidSiret`). */
export function isValidSiretDigits(digits: Uint8Array): boolean {
  if (isLaPosteDigits(digits)) {
    let sum = 0;
    for (let i = 0; i < 14; i++) sum += digits[i] as number;
    return sum % 5 === 0;
  }
  return passesLuhnDigits(digits, 14) && passesLuhnDigits(digits, 9);
}
