// Every k8s builtin group (the K8S area's part of ALL_BUILTINS).
import type { TiltDefinition } from '../registry.ts';
import { helmBuiltins } from './helm.ts';
import { k8sContextBuiltins } from './k8s-context.ts';
import { k8sCustomDeployBuiltins } from './k8s-custom-deploy.ts';
import { k8sKindBuiltins } from './k8s-kind.ts';
import { k8sResourceBuiltins } from './k8s-resource.ts';
import { k8sYamlBuiltins } from './k8s-yaml.ts';
import { kustomizeBuiltins } from './kustomize.ts';
import { linkBuiltins } from './link.ts';
import { portForwardBuiltins } from './port-forward.ts';

export const k8sBuiltins: readonly TiltDefinition[] = [
  ...k8sYamlBuiltins,
  ...k8sResourceBuiltins,
  ...k8sCustomDeployBuiltins,
  ...k8sKindBuiltins,
  ...portForwardBuiltins,
  ...linkBuiltins,
  ...k8sContextBuiltins,
  ...helmBuiltins,
  ...kustomizeBuiltins,
];
