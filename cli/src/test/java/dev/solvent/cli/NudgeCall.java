package dev.solvent.cli;

import com.github.tomakehurst.wiremock.extension.ResponseTransformerV2;
import com.github.tomakehurst.wiremock.http.Response;
import com.github.tomakehurst.wiremock.stubbing.ServeEvent;
import dev.solvent.mirror.evm.Address;
import java.math.BigInteger;
import org.web3j.crypto.Hash;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Adds one to the first word that the call with calldata {@link #target} returns in a proxied batch: a node that
 * answers one view wrongly. Only on the stubs that name it.
 */
final class NudgeCall implements ResponseTransformerV2 {
    static final String NAME = "nudge-call";
    private static final ObjectMapper JSON = JsonMapper.builder().build();
    static volatile String target = "";

    static String calldata(String signature, Address account) {
        return Hash.sha3String(signature).substring(0, 10)
                + "0".repeat(24)
                + account.hex().substring(2);
    }

    @Override
    public Response transform(Response response, ServeEvent event) {
        JsonNode request = JSON.readTree(event.getRequest().getBodyAsString());
        ArrayNode answers = (ArrayNode) JSON.readTree(response.getBodyAsString());
        for (JsonNode call : request) {
            if (!target.equals(call.path("params").path(0).path("data").asString())) {
                continue;
            }
            for (JsonNode answer : answers) {
                if (answer.path("id").asLong() == call.path("id").asLong()) {
                    String result = answer.path("result").asString();
                    BigInteger word = new BigInteger(result.substring(2, 66), 16).add(BigInteger.ONE);
                    ((ObjectNode) answer).put("result", "0x" + String.format("%064x", word) + result.substring(66));
                }
            }
        }
        return Response.Builder.like(response)
                .but()
                .body(JSON.writeValueAsString(answers))
                .build();
    }

    @Override
    public String getName() {
        return NAME;
    }

    @Override
    public boolean applyGlobally() {
        return false;
    }
}
