package th.go.mol.ldx.gateway.problem;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import io.quarkus.security.AuthenticationFailedException;
import io.quarkus.security.ForbiddenException;
import io.quarkus.security.UnauthorizedException;
import io.vertx.ext.web.RoutingContext;
import jakarta.validation.ConstraintViolation;
import jakarta.validation.ConstraintViolationException;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import java.io.IOException;
import java.sql.SQLException;
import java.util.Comparator;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;
import org.jboss.logging.Logger;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

/**
 * Turns every failure into {@code application/problem+json}. Clients never see a stack trace; unexpected
 * failures are logged here with an id that the answer repeats, so an operator can find them.
 */
public class ProblemMappers {

    private static final Logger LOG = Logger.getLogger(ProblemMappers.class);

    @ServerExceptionMapper
    public Response problem(ProblemException e, UriInfo uri) {
        Response answer = answer(e.type(), e.type().status(), e.getMessage(), uri, e.errors(), e.allowedPurposes());
        return e.retryAfter() == null ? answer
                : Response.fromResponse(answer).header(HttpHeaders.RETRY_AFTER, e.retryAfter().toSeconds()).build();
    }

    @ServerExceptionMapper({UnauthorizedException.class, AuthenticationFailedException.class})
    public Response unauthenticated(RuntimeException e, UriInfo uri) {
        if (e.getCause() instanceof RefusedToken refused) {
            return Response.fromResponse(answer(refused.type(), refused.getMessage(), uri, null))
                    .header(HttpHeaders.WWW_AUTHENTICATE, "Bearer realm=\"ldx\", error=\"invalid_token\"")
                    .build();
        }
        return Response.fromResponse(answer(ProblemType.UNAUTHENTICATED,
                        "A valid bearer access token from the LDX realm is required.", uri, null))
                .header(HttpHeaders.WWW_AUTHENTICATE, "Bearer realm=\"ldx\"")
                .build();
    }

    @ServerExceptionMapper
    public Response forbidden(ForbiddenException e, UriInfo uri) {
        return answer(ProblemType.FORBIDDEN, "Your credentials do not carry the role this operation needs.", uri, null);
    }

    @ServerExceptionMapper
    public Response invalid(ConstraintViolationException e, UriInfo uri) {
        List<Problem.FieldError> errors = e.getConstraintViolations().stream()
                .map(ProblemMappers::fieldError)
                .sorted(Comparator.comparing(Problem.FieldError::pointer))
                .toList();
        return answer(ProblemType.INVALID_PARAMETER, "The request has invalid values.", uri, errors);
    }

    @ServerExceptionMapper
    public Response unreadableJson(JsonProcessingException e, UriInfo uri) {
        return answer(ProblemType.MALFORMED_REQUEST, "The body is not valid JSON: " + e.getOriginalMessage(), uri, null);
    }

    /** Valid JSON of the wrong shape (an array for an object, an unknown enum value); Quarkus would answer an empty 400. */
    @ServerExceptionMapper
    public Response wrongShape(MismatchedInputException e, UriInfo uri) {
        String where = e.getPath().stream()
                .map(ref -> ref.getFieldName() != null ? ref.getFieldName() : String.valueOf(ref.getIndex()))
                .collect(Collectors.joining("/", "/", ""));
        return answer(ProblemType.MALFORMED_REQUEST, "The body does not have the expected shape at " + where + ".", uri,
                List.of(new Problem.FieldError(where, e.getOriginalMessage())));
    }

    @ServerExceptionMapper
    public Response framework(WebApplicationException e, UriInfo uri, RoutingContext exchange) {
        int status = e.getResponse().getStatus();
        if (status < 400) {
            return e.getResponse();
        }
        if (status >= 500) {
            return unexpected(e, uri, exchange);
        }
        ProblemType type = ProblemType.forStatus(status);
        return answer(type, status, type.title() + ".", uri, null, null);
    }

    @ServerExceptionMapper(priority = Priorities.USER + 1000)
    public Response unexpected(Throwable e, UriInfo uri, RoutingContext exchange) {
        if (unstorableText(e)) {
            return answer(ProblemType.MALFORMED_REQUEST, "A text in the request holds a character that cannot be "
                    + "stored (NUL, U+0000, or an invalid escape); nothing was written.", uri, null);
        }
        if (exchange.response().closed() && writing(e)) {
            // A streamed answer whose client went, or read nothing and was cut off: no one is left to answer, and
            // nothing failed inside LDX. The answer below is never sent.
            LOG.infof("the answer to %s was cut off: its connection closed (%s)", uri.getPath(), e);
            return answer(ProblemType.INTERNAL, "The answer was cut off: its connection closed.", uri, null);
        }
        String incident = UUID.randomUUID().toString();
        LOG.errorf(e, "incident %s on %s", incident, uri.getPath());
        return answer(ProblemType.INTERNAL, "Something failed inside LDX. Quote incident " + incident + " to the operators.",
                uri, null);
    }

    /**
     * A failure to write the answer: an I/O error out of the answer's stream itself, which writes to the connection.
     * One wrapped in another (a database connection lost, a stored record unreadable) is a fault, as is JSON that
     * could not be written.
     */
    static boolean writing(Throwable e) {
        return e instanceof IOException && !(e instanceof JsonProcessingException);
    }

    /**
     * PostgreSQL refused a text of the request itself (SQLSTATE 22021: a NUL byte; 22P05: an escaped NUL in
     * JSON): the client's data, not a fault of LDX. The transaction of the use case rolled back.
     */
    private static boolean unstorableText(Throwable e) {
        for (Throwable cause = e; cause != null; cause = cause.getCause()) {
            if (cause instanceof SQLException sql && Set.of("22021", "22P05").contains(sql.getSQLState())) {
                return true;
            }
        }
        return false;
    }

    private static Response answer(ProblemType type, String detail, UriInfo uri, List<Problem.FieldError> errors) {
        return answer(type, type.status(), detail, uri, errors, null);
    }

    private static Response answer(ProblemType type, int status, String detail, UriInfo uri,
            List<Problem.FieldError> errors, List<String> allowedPurposes) {
        Problem body = new Problem(type.uri(), type.title(), status, detail, uri.getPath(), errors, allowedPurposes);
        return Response.status(status).type(Problem.MEDIA_TYPE).entity(body).build();
    }

    private static Problem.FieldError fieldError(ConstraintViolation<?> violation) {
        String path = violation.getPropertyPath().toString();
        // "list.arg0.limit" -> "limit": the client knows the parameter, not our method's name.
        String name = path.substring(path.lastIndexOf('.') + 1);
        return new Problem.FieldError(name, violation.getMessage());
    }
}
