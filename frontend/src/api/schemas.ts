// Names for the generated OpenAPI schemas (src/generated/api.d.ts), so modules never spell
// `components["schemas"][...]`. Type-only: the single exception to "one export per file".
//
// The API documents no `required` list on response schemas, so the generator makes every field
// optional. The server always serialises every field of these objects (null when empty), so the
// response types below are made complete (`Complete`); request bodies keep the generated types.
import type { components } from "@/generated/api";

type Schemas = components["schemas"];

/** `T` with every property present (recursively); nullable fields stay nullable. */
export type Complete<T> = T extends (infer U)[]
  ? Complete<U>[]
  : T extends object
    ? { [K in keyof T]-?: Complete<T[K]> }
    : T;

export type Activity = Complete<Schemas["Activity"]>;
export type AiDocument = Complete<Schemas["AiAgentDocument"]>;
export type AiDocumentDetail = Complete<Schemas["AiAgentDocumentDetail"]>;
export type AiTestChatResult = Complete<Schemas["AiAgentTestChatResult"]>;
export type AiUsage = Complete<Schemas["AiAgentUsage"]>;
export type Channel = Complete<Schemas["Channel"]>;
export type ChannelTemplate = Complete<Schemas["ChannelTemplate"]>;
export type ContactDetail = Complete<Schemas["ContactDetail"]>;
export type Contact = Complete<Schemas["Contact"]>;
export type Conversation = Complete<Schemas["Conversation"]>;
export type Counters = Complete<Schemas["Counters"]>;
export type Dashboard = Complete<Schemas["Dashboard"]>;
export type Me = Complete<Schemas["Me"]>;
export type MediaUpload = Complete<Schemas["Upload"]>;
export type Member = Complete<Schemas["Member"]>;
export type Message = Complete<Schemas["Message"]>;
export type Note = Complete<Schemas["Note"]>;
export type Plugin = Complete<Schemas["Plugin"]>;
export type Stage = Complete<Schemas["Stage"]>;
export type Tag = Complete<Schemas["Tag"]>;
export type TagRef = Complete<Schemas["TagRef"]>;
export type Tenant = Complete<Schemas["Tenant"]>;
export type TenantSettings = Complete<Schemas["TenantSettings"]>;
export type TokenPair = Complete<Schemas["TokenPair"]>;

export type AiTestChat = Schemas["AiAgentTestChat"];
export type ContactPatch = Schemas["ContactPatch"];
export type ConversationPatch = Schemas["ConversationPatch"];
export type MessageCreate = Schemas["MessageCreate"];
export type TemplateSend = Schemas["Template"];
export type FieldError = Schemas["FieldError"];
export type ProblemBody = Schemas["Problem"];

/** A cursor page as every list endpoint answers it. */
export type Page<T> = { items: T[]; next_cursor: string | null };
