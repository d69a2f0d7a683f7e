/** A problem with one input field, shown next to it in the UI. */
export interface FieldError {
  field: string;
  message: string;
}
