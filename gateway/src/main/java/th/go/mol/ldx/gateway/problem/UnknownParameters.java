package th.go.mol.ldx.gateway.problem;

import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.container.ResourceInfo;
import jakarta.ws.rs.core.UriInfo;
import java.lang.annotation.Annotation;
import java.lang.reflect.Method;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SortedSet;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import org.jboss.resteasy.reactive.server.ServerRequestFilter;

/**
 * A query parameter that the operation does not take is a bad parameter (400 {@code invalid-parameter}, naming it),
 * never ignored: ignored, a misspelt {@code filter} would answer every record as if it were the filtered few, and a
 * {@code filter} sent to the statistics would count every record. Runs after the rate limits, so a refused request
 * counts like any other.
 */
public class UnknownParameters {

    /** The query parameters each resource method declares, in name order. */
    private final Map<Method, Set<String>> declared = new ConcurrentHashMap<>();

    @ServerRequestFilter(priority = Priorities.USER + 100)
    public void refuseUnknown(ResourceInfo resource, UriInfo uri) {
        Method method = resource.getResourceMethod();
        if (method == null) {
            return;
        }
        Set<String> known = declared.computeIfAbsent(method, UnknownParameters::queryParameters);
        Set<String> sent = uri.getQueryParameters().keySet();
        if (known.containsAll(sent)) {
            return;
        }
        List<Problem.FieldError> unknown = sent.stream()
                .filter(name -> !known.contains(name)).sorted()
                .map(name -> new Problem.FieldError(name, known.isEmpty() ? "this operation takes no query parameters"
                        : "not a parameter of this operation, which takes " + String.join(", ", known)))
                .toList();
        throw new ProblemException(ProblemType.INVALID_PARAMETER, "The request has query parameters that "
                + uri.getPath() + " does not take; nothing was done.", unknown);
    }

    private static Set<String> queryParameters(Method method) {
        SortedSet<String> names = new TreeSet<>();
        for (Annotation[] annotations : method.getParameterAnnotations()) {
            for (Annotation annotation : annotations) {
                if (annotation instanceof QueryParam query) {
                    names.add(query.value());
                }
            }
        }
        return Collections.unmodifiableSortedSet(names);
    }
}
