/** `import data from 'virtual:territory'`: the territory of the département embedded by scripts/build.ts. */
declare module 'virtual:territory' {
  import type { TerritoryData } from '../core/territory';

  const data: TerritoryData;
  export default data;
}
