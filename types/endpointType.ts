/**
 * The type of endpoint a participant uses.
 *
 * `skypeForBusiness` and `skypeForBusinessVoipPhone` come from Graph's beta endpoint; v1.0 documents
 * `default`, `voicemail` and `unknownFutureValue`.
 *
 * @see https://learn.microsoft.com/graph/api/resources/invitationparticipantinfo
 */
export type EndpointType = "default" | "voicemail" | "skypeForBusiness" | "skypeForBusinessVoipPhone" | "unknownFutureValue";
