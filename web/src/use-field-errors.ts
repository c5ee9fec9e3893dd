// A form that saves through the API and shows what the API refused next to
// the field (web/src/field-errors.ts), the rest above the form, and "saved"
// when it went through.
import { ref } from 'vue'
import { useI18n } from 'vue-i18n'
import { errorText } from './errors.ts'
import { placeIssues, validationIssues, type PlacedIssues } from './field-errors.ts'

/** `fields`: field path (as the API names it, e.g. `/dailyCapPoints`) → locale key of what a valid value looks like. */
export function useFieldErrors (fields: Record<string, string>) {
  const { t } = useI18n()
  const placed = ref<PlacedIssues>({ byField: {}, unplaced: [] })
  const error = ref<string | null>(null)
  const saved = ref(false)

  /** The translated message for the field at `path`, '' when it has none (el-form-item shows nothing). */
  const fieldError = (path: string): string => {
    const m = placed.value.byField[path]
    return m == null ? '' : t(m.key, m.values)
  }

  function clear (): void {
    placed.value = { byField: {}, unplaced: [] }
    error.value = null
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
      error.value = [errorText(err), ...placed.value.unplaced.map(m => t(m.key, m.values))].join(' ')
      return false
    }
  }

  /** A problem found before asking the API (e.g. a required id left empty), shown the same way. */
  function refuse (path: string, key: string): void {
    clear()
    placed.value = { byField: { [path]: { key, values: {} } }, unplaced: [] }
    error.value = t('errors.VALIDATION_FAILED')
  }

  return { fieldError, error, saved, submit, refuse, clear }
}
