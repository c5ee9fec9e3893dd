// Points are typed into plain text inputs (they submit their form on Enter,
// unlike Element Plus' number input) and read as whole numbers, or undefined.
export function wholeNumber (text: string): number | undefined {
  return /^\s*-?\d+\s*$/.test(text) ? Number.parseInt(text, 10) : undefined
}
