package org.cityhub.api.federation;

/**
 * The owning hub's answer to a command sent from another hub, as its REST API would have answered it.
 *
 * @param status the HTTP status: 202 accepted, 400, 403, 404, 409 or 503 refused, 504 no answer in time
 * @param detail why, when refused
 */
public record RemoteAnswer(int status, String detail) {
}
