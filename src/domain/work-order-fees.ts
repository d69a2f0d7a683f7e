/** One material line of a work order (R-WO-6). */
export interface MaterialLine {
  name: string;
  quantity: number;
  unitPriceCents: number;
  suppliedBy: 'company' | 'resident';
}

/**
 * The fee on the order: labour plus the materials the company supplied. Parts the resident
 * supplied are recorded (and signed for) but not charged. Rounded to whole fen.
 */
export function orderFeeCents(labourCents: number, materials: readonly MaterialLine[]): number {
  const parts = materials
    .filter((m) => m.suppliedBy === 'company')
    .reduce((sum, m) => sum + Math.round(m.quantity * m.unitPriceCents), 0);
  return labourCents + parts;
}
