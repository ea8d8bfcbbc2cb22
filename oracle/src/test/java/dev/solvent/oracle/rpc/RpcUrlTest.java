package dev.solvent.oracle.rpc;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class RpcUrlTest {

    @Test
    void acceptsHttpAndHttpsUrls() {
        assertThat(RpcUrl.parse("http://127.0.0.1:8545").isRight()).isTrue();
        assertThat(RpcUrl.parse("https://eth.example/v3/key").isRight()).isTrue();
    }

    @Test
    void refusesOtherSchemesAndNonUrls() {
        assertThat(RpcUrl.parse("ws://127.0.0.1:8545").getLeft()).contains("is not an http(s) URL");
        assertThat(RpcUrl.parse("127.0.0.1:8545").isLeft()).isTrue();
        assertThat(RpcUrl.parse("http://").isLeft()).isTrue();
    }

    @Test
    void printsNeitherThePathNorTheQueryWhereKeysHide() {
        assertThat(new RpcUrl("https://user:pw@eth.example/v3/SECRET?key=SECRET").toString())
                .isEqualTo("https://eth.example/");
    }
}
