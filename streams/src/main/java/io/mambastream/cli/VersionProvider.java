package io.mambastream.cli;

import picocli.CommandLine;

/** Reports the project version from the jar manifest. */
final class VersionProvider implements CommandLine.IVersionProvider {
  @Override
  public String[] getVersion() {
    String version = Main.class.getPackage().getImplementationVersion();
    return new String[] {"mambastream " + (version == null ? "(development build)" : version)};
  }
}
