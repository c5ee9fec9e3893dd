// A form that saves through the API and shows what the API refused next to
// the field (web/src/field-errors.ts), the rest above the form, and "saved"
// when it went through. Messages are kept as keys and the error itself, and
// translated when shown, so switching the language translates them too.
import { computed, ref } from 'vue'
import { useI18n } from 'vue-i18n'
import { ApiError } from './api/client.ts'
import { errorText } from './errors.ts'
import { placeIssues, validationIssues, type PlacedIssues } from './field-errors.ts'

/** `fields`: field path (as the API names it, e.g. `/dailyCapPoints`) → locale key of what a valid value looks like. */
export function useFieldErrors (fields: Record<string, string>) {
  const { t } = useI18n()
  const placed = ref<PlacedIssues>({ byField: {}, unplaced: [] })
  /** What failed: the API's error (undefined: nothing failed). */
  const failure = ref<unknown>(undefined)
  const saved = ref(false)
  const error = computed(() => failure.value === undefined ? null : [errorText(failure.value), ...placed.value.unplaced.map(m => t(m.key, m.values))].join(' '))

  /** The translated message for the field at `path`, '' when it has none (el-form-item shows nothing). */
  const fieldError = (path: string): string => {
    const m = placed.value.byField[path]
    return m == null ? '' : t(m.key, m.values)
  }

  function clear (): void {
    placed.value = { byField: {}, unplaced: [] }
    failure.value = undefined
    saved.value = false
  }

  /** Runs the save; true when it went through. */
  async function submit (save: () => Promise<unknown>): Promise<boolean> {
    clear()
    try {
      await save()
      saved.value = true
      return true
    } catch (err) {
      placed.value = placeIssues(validationIssues(err), fields)
      failure.value = err
      return false
    }
  }

  /** A problem found before asking the API (e.g. a required id left empty), shown the same way. */
  function refuse (path: string, key: string): void {
    clear()
    placed.value = { byField: { [path]: { key, values: {} } }, unplaced: [] }
    failure.value = new ApiError(400, 'VALIDATION_FAILED', 'refused before asking the API')
  }

  return { fieldError, error, saved, submit, refuse, clear }
}
