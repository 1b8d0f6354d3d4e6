/**
 * Inputs the kit writes itself and hands to implementations, such as a model store in the Hugging Face
 * hub cache layout. Because the kit wrote them, it knows what an implementation must load from them.
 */
@API(status = API.Status.INTERNAL, since = "0.2")
package io.flowmesh.conformance.store;

import org.apiguardian.api.API;
