/**
 * A cdk8s Chart that knows which folder of `dist/` it renders into.
 */
import { Chart, ChartProps } from 'cdk8s';
import { Construct } from 'constructs';

export interface PlatformChartProps extends ChartProps {
  /**
   * Folder under `dist/` this chart's files go to, e.g.
   * `clusters/prod-eu1/tenants/payments` or `fleet`. Forward slashes only.
   */
  readonly outputDir: string;
}

/**
 * A chart rendered into one folder of `dist/`, one object per file. cdk8s
 * itself never synthesises it: the platform renderer walks the tree.
 */
export class PlatformChart extends Chart {
  /** Returns true when `x` is a PlatformChart (works across module copies). */
  public static isPlatformChart(x: unknown): x is PlatformChart {
    return x !== null && typeof x === 'object' && PLATFORM_CHART in x;
  }

  /** Folder under `dist/` this chart renders into. */
  public readonly outputDir: string;

  constructor(scope: Construct, id: string, props: PlatformChartProps) {
    super(scope, id, props);
    if (!/^[a-z0-9][a-z0-9._-]*(\/[a-z0-9][a-z0-9._-]*)*$/.test(props.outputDir)) {
      throw new Error(`PlatformChart ${id}: outputDir "${props.outputDir}" must be a relative path of lower-case segments`);
    }
    this.outputDir = props.outputDir;
    Object.defineProperty(this, PLATFORM_CHART, { value: true });
  }
}

const PLATFORM_CHART = Symbol.for('cdk8s-platform.PlatformChart');
