# Agent configuration for the iis driver ("nomad_iis" plugin) with its management API.
#
# Linux (portable host) or Windows (IIS), a throw-away dev agent:
#   nomad agent -dev -plugin-dir=/path/to/plugin_dir -config=examples/agent.hcl
# where plugin_dir holds nomad_iis (nomad_iis.exe on Windows) as built by `mvn package`
# (dist/target/plugin_dir). On Windows run the agent elevated: the driver manages IIS.
#
# Replace the management API key and JWT secret before using this anywhere but a dev machine.

plugin "nomad_iis" {
  # The C# plugin's argument forms all work: "--name=value", or "--name" and "value" as two items.
  args = [
    "--management-api-port=5004",
    "--management-api-address=127.0.0.1",
    "--management-api-key=change-me-to-a-long-random-key",
    "--management-api-jwt-secret=change-me-to-at-least-32-random-characters",
  ]

  config {
    enabled              = true
    fingerprint_interval = "30s"
    directory_security   = true

    # Let jobs add applications to these existing sites (target_website); empty: none.
    allowed_target_websites = []

    allowed_apppool_identities = ["ApplicationPoolIdentity"]
  }
}
