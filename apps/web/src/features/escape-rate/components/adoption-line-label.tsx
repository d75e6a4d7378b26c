interface AdoptionLineLabelProps {
  viewBox?: { x?: number; y?: number };
  text: string;
  /** Lines in the right part of the chart label to their left, so the text stays inside the plot. */
  alignEnd: boolean;
  /** Neighbouring lines stagger their labels vertically instead of printing over each other. */
  row: number;
}

export function AdoptionLineLabel({ viewBox, text, alignEnd, row }: AdoptionLineLabelProps) {
  const x = viewBox?.x ?? 0;
  const y = (viewBox?.y ?? 0) + 12 + row * 14;
  return (
    <text x={alignEnd ? x - 4 : x + 4} y={y} textAnchor={alignEnd ? 'end' : 'start'} className="adoption-label">
      {text}
    </text>
  );
}
