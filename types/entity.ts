/**
 * The base of every Graph entity type.
 *
 * @see https://learn.microsoft.com/graph/api/resources/entity
 */
export interface Entity {
  /**
   * The unique identifier for an entity. Read-only.
   *
   * Graph's metadata says non-null, but official callback notifications send `"id": null`, so null is accepted.
   */
  id?: string | null;
}
