/**
 * Structural checks of a parsed fluentd configuration against the plugin
 * parameter tables: known directives in the right places, `@type` where
 * fluentd needs one, and only parameters and sections the plugin documents.
 */
import { FluentdElement } from './fluentd-config';
import { COMMON_PARAMS, PLUGINS, SectionSpec, SYSTEM_PARAMS, TYPED_DIRECTIVES, TYPED_SECTIONS } from './fluentd-plugins';

function where(e: FluentdElement): string {
  return `<${e.name}${e.arg ? ` ${e.arg}` : ''}> (line ${e.line})`;
}

function checkSection(e: FluentdElement, spec: SectionSpec, allowed: readonly string[], out: string[]): void {
  if (spec.params !== 'any') {
    for (const key of Object.keys(e.params)) {
      if (!allowed.includes(key) && !spec.params.includes(key)) out.push(`${where(e)}: unknown parameter ${key}`);
    }
  }
  for (const child of e.children) {
    const sub = spec.sections?.[child.name];
    if (!sub) {
      out.push(`${where(child)}: section not allowed in ${where(e)}`);
    } else if (sub === 'typed') {
      const type = child.params['@type'];
      const params = type ? TYPED_SECTIONS[`${child.name}/${type}`] : undefined;
      if (!type) out.push(`${where(child)}: missing @type`);
      else if (!params) out.push(`${where(child)}: unknown ${child.name} type ${type}`);
      else checkSection(child, { params, sections: {} }, [], out);
    } else {
      checkSection(child, sub, [], out);
    }
  }
}

function checkPlugin(e: FluentdElement, out: string[]): void {
  if ((e.name === 'match' || e.name === 'filter') && !e.arg) out.push(`${where(e)}: missing tag pattern`);
  const type = e.params['@type'];
  if (!type) {
    out.push(`${where(e)}: missing @type`);
    return;
  }
  const spec = PLUGINS[`${e.name}/${type}`];
  if (!spec) {
    out.push(`${where(e)}: unknown plugin ${e.name}/${type}`);
    return;
  }
  checkSection(e, spec, COMMON_PARAMS, out);
}

/**
 * Every problem in `root`: unknown or misplaced directives, missing `@type`
 * on source, filter, match, buffer, parse, format and storage, parameters or
 * sections a plugin does not document.
 *
 * @returns problems as text; empty when the configuration is sound
 */
export function checkFluentdConfig(root: FluentdElement): string[] {
  const out: string[] = [];
  for (const e of root.children) {
    switch (e.name) {
      case 'system':
        for (const k of Object.keys(e.params)) if (!SYSTEM_PARAMS.includes(k)) out.push(`${where(e)}: unknown parameter ${k}`);
        break;
      case 'source':
      case 'filter':
      case 'match':
        checkPlugin(e, out);
        break;
      case 'label':
        if (!e.arg.startsWith('@')) out.push(`${where(e)}: label names start with @`);
        for (const c of e.children) {
          if (c.name === 'filter' || c.name === 'match') checkPlugin(c, out);
          else out.push(`${where(c)}: only <filter> and <match> belong in a <label>`);
        }
        break;
      default:
        out.push(`${where(e)}: unknown top-level directive`);
    }
  }
  const typed = (e: FluentdElement) => {
    if (TYPED_DIRECTIVES.includes(e.name) && !e.params['@type']) out.push(`${where(e)}: missing @type`);
    e.children.forEach(typed);
  };
  root.children.forEach(typed);
  return [...new Set(out)];
}
