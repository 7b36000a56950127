import { type DataOverlay, overlayKey } from '../directory/overlay';
import { formatProblem } from '../directory/problems';
import { crisisChanges, currentCrisis, describeChange, readConfirmed, unconfirmable } from '../maintain/crisis-guard';
import { validateDirectory } from '../maintain/validate';
import type { EditProblem } from './form';
import { type Json, type RecordRef, recordFile, serialiseRecord } from './records';

export interface ChangeCheck {
  errors: EditProblem[];
  warnings: EditProblem[];
}

/**
 * Every problem a change would bring, in the words of `npm run directory -- validate`,
 * because it is validate: the whole directory (files, published changes and this change) goes
 * through the same schema, loader and extra checks. Shown are the problems with this record,
 * and any elsewhere that this change causes (a number another service already has; the last
 * national service for a topic retired). A crisis line's change needs no --confirm-crisis-change
 * here (a second maintainer's approval is the confirmation) but does need a newer source.
 */
export class ChangeChecker {
  private baseline?: { key: string; problems: Set<string> };

  constructor(private readonly root: string) {}

  check(overlay: DataOverlay, overlayVersion: string, ref: RecordRef, after: Json, today: string): ChangeCheck {
    const file = overlayKey(recordFile(ref));
    const proposed = new Map(overlay);
    proposed.set(file, serialiseRecord(ref, after));
    const baseKey = `${overlayVersion}|${today}`;
    if (this.baseline?.key !== baseKey) {
      const base = validateDirectory(this.root, { today, overlay, examples: false });
      this.baseline = { key: baseKey, problems: new Set(base.problems.map(formatProblem)) };
    }
    const v = validateDirectory(this.root, { today, overlay: proposed, examples: false });
    const mine = v.problems.filter((p) => p.rule !== 'crisis-change' && (overlayKey(p.file) === file || !this.baseline!.problems.has(formatProblem(p))));
    const crisis: EditProblem[] = [];
    const confirmed = readConfirmed(this.root, overlay);
    if (ref.kind === 'service' && confirmed) {
      const { now, services } = currentCrisis(this.root, proposed);
      for (const c of crisisChanges(confirmed, now).filter((x) => x.id === ref.id)) {
        const why = unconfirmable(c, confirmed, services.get(c.id));
        if (why) crisis.push({ file: recordFile(ref), record: ref.id, field: c.field, rule: 'crisis-change', severity: 'error', message: `${describeChange(c)}: crisis lines are protected, so this ${why}` });
      }
    }
    const all: EditProblem[] = [...mine, ...crisis];
    return { errors: all.filter((p) => p.severity === 'error'), warnings: all.filter((p) => p.severity === 'warning') };
  }
}
