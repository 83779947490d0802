package groupchat.web;

import io.javalin.security.RouteRole;

/** Route roles: every /api route needs a bearer token unless it is declared PUBLIC. */
public enum Access implements RouteRole {
    PUBLIC
}
