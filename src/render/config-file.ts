/**
 * A file in `dist/` that is not a Kubernetes API object: an API-server audit
 * Policy, a kubeadm patch, a flags file. The renderer writes it under its own
 * name next to the chart's objects.
 */
import { Construct } from 'constructs';

export interface ConfigFileProps {
  /** File name inside the chart's folder, e.g. `audit-policy.yaml`. */
  readonly fileName: string;
  /**
   * The content: plain data is written as one YAML document (same emitter as
   * the objects); a string is written as it is.
   */
  readonly content: unknown;
}

/** A non-object file rendered into its chart's folder. */
export class ConfigFile extends Construct {
  /** Returns true when `x` is a ConfigFile (works across module copies). */
  public static isConfigFile(x: unknown): x is ConfigFile {
    return x !== null && typeof x === 'object' && CONFIG_FILE in x;
  }

  public readonly fileName: string;
  public readonly content: unknown;

  constructor(scope: Construct, id: string, props: ConfigFileProps) {
    super(scope, id);
    if (!/^[a-z0-9][a-z0-9._-]*$/.test(props.fileName)) {
      throw new Error(`ConfigFile ${id}: fileName "${props.fileName}" must be a lower-case file name without folders`);
    }
    this.fileName = props.fileName;
    this.content = props.content;
    Object.defineProperty(this, CONFIG_FILE, { value: true });
  }
}

const CONFIG_FILE = Symbol.for('cdk8s-platform.ConfigFile');
