/** Types for packages that ship none. */
declare module '@socialgouv/jours-feries' {
  /** The French public holidays of a year, as local-midnight Dates, keyed by name. */
  export default function joursFeries(year: number, options?: { alsace?: boolean }): Record<string, Date>;
}
