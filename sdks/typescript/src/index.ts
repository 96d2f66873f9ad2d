// @rolo/sdk: `import Rolo from "@rolo/sdk"` or `import { Rolo } from "@rolo/sdk"`.
import { Rolo } from "./client.js";

export default Rolo;
export { Rolo };
export type { ClientOptions } from "./client.js";
export { VERSION } from "./version.js";
export {
  RoloError,
  BadRequestError,
  ValidationError,
  AuthenticationError,
  PermissionDeniedError,
  NotFoundError,
  ConflictError,
  UnprocessableEntityError,
  RateLimitError,
  InternalServerError,
  APIConnectionError,
  APIConnectionTimeoutError,
  APIUserAbortError,
  WebhookVerificationError,
} from "./core/errors.js";
export type { Fetch, RequestOptions } from "./core/transport.js";
export { PagePromise, type CursorPage } from "./core/pagination.js";
export type { WaitOptions } from "./core/poll.js";
export type {
  Contact,
  ContactStatus,
  ContactCreateParams,
  ContactUpdateParams,
  ContactFilter,
  MetadataScalar,
  MetadataOperators,
  MetadataCondition,
  MetadataFilter,
  MetadataKey,
  MetadataKeyList,
  ContactSort,
  ContactListParams,
  ContactList,
  ContactCountParams,
  ContactCount,
  ContactExportParams,
  BatchUpsertParams,
  BatchUpsertResult,
  Contacts,
} from "./resources/contacts.js";
export type { Import, ImportStatus, ImportSource, ImportList, ImportCreateParams, Uploadable, Imports } from "./resources/imports.js";
export type { Segment, SegmentListItem, SegmentList, SegmentCreateParams, SegmentUpdateParams, Segments } from "./resources/segments.js";
export type {
  Event,
  EventType,
  EventList,
  Actor,
  Change,
  Provenance,
  ActivityListParams,
  Consent,
  ConsentField,
  ConsentFieldRecord,
  ConsentHistoryEntry,
  Erasure,
} from "./resources/activity.js";
export type {
  WebhookEndpoint,
  WebhookEndpointWithSecret,
  WebhookEndpointList,
  WebhookEventType,
  WebhookCreateParams,
  WebhookUpdateParams,
  WebhookDelivery,
  WebhookDeliveryStatus,
  WebhookDeliveryList,
  WebhookDeliveryListParams,
  Webhooks,
} from "./resources/webhooks.js";
export type {
  BulkSelection,
  BulkStatusParams,
  BulkTagParams,
  BulkDeleteParams,
  BulkJob,
  BulkPreview,
  BulkResult,
  Bulk,
} from "./resources/bulk.js";
